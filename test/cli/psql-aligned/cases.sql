select 1 as one, 'abc' as name;
select 'abc' as name, 12.5::numeric as amount, null::int as n;
select 'line1
line2' as multi, 'x' as y;
select '한글' as 이름, 3 as n;
select 'a' as "long header name", 1.5::float8 as f;
select true as b, date '2024-01-02' as d, 'x'::char(5) as c;
select 1 as a where false;
select ''::text as e, 5 as n;
select 1 as n, 'ab
c
defg' as t;
select 'x
y' as a, 'p
q
r' as b, 2 as n;
select E'tab\there' as t, 'é' as u;
select * from (values (1::bigint, '서울 강남구', null::text), (-20, 'Busan', 'x'), (300, null, '데이터 웨어하우스')) v(id, 지역, note);
select timestamp '2024-05-06 07:08:09' as ts, 1234567.891::numeric(12,3) as amount, 2.5::real as r;
