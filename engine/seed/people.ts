/**
 * Person-level tables: pii.user_contact (one fake contact per user, for the
 * column- and row-level security labs) and adhoc.user_notes (analysts' notes).
 * All names are invented from common Korean syllables; all e-mail addresses
 * use the reserved example.com / example.net / example.org domains.
 */
import { dayRange, timeOfDay } from './calendar';
import { Rng } from './prng';
import { makeTable, type GeneratedTable } from './types';
import { CHANNELS, type UserProfile } from './users';

/** [hangul, romanization, weight] */
const SURNAMES: ReadonlyArray<readonly [string, string, number]> = [
  ['김', 'kim', 21], ['이', 'lee', 15], ['박', 'park', 8], ['최', 'choi', 5], ['정', 'jung', 5],
  ['강', 'kang', 2.4], ['조', 'cho', 2.1], ['윤', 'yoon', 2.1], ['장', 'jang', 2], ['임', 'lim', 1.7],
  ['한', 'han', 1.5], ['오', 'oh', 1.5], ['서', 'seo', 1.5], ['신', 'shin', 1.5], ['권', 'kwon', 1.4],
  ['황', 'hwang', 1.4], ['안', 'ahn', 1.3], ['송', 'song', 1.3], ['류', 'ryu', 1.1], ['홍', 'hong', 1.1],
];
const SURNAME_WEIGHTS = SURNAMES.map((s) => s[2]);

const GIVEN_FIRST: ReadonlyArray<readonly [string, string]> = [
  ['민', 'min'], ['서', 'seo'], ['지', 'ji'], ['하', 'ha'], ['도', 'do'], ['예', 'ye'], ['수', 'su'],
  ['준', 'jun'], ['현', 'hyun'], ['유', 'yu'], ['은', 'eun'], ['태', 'tae'], ['승', 'seung'], ['다', 'da'],
  ['채', 'chae'], ['건', 'geon'], ['시', 'si'], ['우', 'woo'], ['주', 'ju'], ['소', 'so'],
];
const GIVEN_SECOND: ReadonlyArray<readonly [string, string]> = [
  ['준', 'jun'], ['윤', 'yun'], ['아', 'a'], ['호', 'ho'], ['연', 'yeon'], ['진', 'jin'], ['우', 'woo'],
  ['빈', 'bin'], ['원', 'won'], ['희', 'hee'], ['영', 'young'], ['서', 'seo'], ['민', 'min'], ['은', 'eun'],
  ['훈', 'hoon'], ['현', 'hyun'], ['린', 'rin'], ['율', 'yul'], ['혁', 'hyeok'], ['나', 'na'],
];

const EMAIL_DOMAINS = ['example.com', 'example.net', 'example.org'];
const EMAIL_DOMAIN_WEIGHTS = [0.6, 0.25, 0.15];

export function generateUserContact(rng: Rng, users: readonly UserProfile[]): GeneratedTable {
  const sorted = [...users].sort((a, b) => a.userid - b.userid);
  const emails = new Set<string>();
  const phones = new Set<string>();
  const data = {
    userid: [] as number[],
    name: [] as string[],
    email: [] as string[],
    phone: [] as string[],
    region: [] as string[],
    signup_date: [] as string[],
  };
  for (const user of sorted) {
    const [surHangul, surRoman] = rng.weighted(SURNAMES, SURNAME_WEIGHTS);
    const [g1Hangul, g1Roman] = rng.pick(GIVEN_FIRST);
    const [g2Hangul, g2Roman] = rng.pick(GIVEN_SECOND);
    const base = rng.bool(0.5) ? `${g1Roman}${g2Roman}.${surRoman}` : `${surRoman}${g1Roman}${g2Roman}`;
    let local = rng.bool(0.45) ? `${base}${rng.int(1, 99)}` : base;
    const domain = rng.weighted(EMAIL_DOMAINS, EMAIL_DOMAIN_WEIGHTS);
    while (emails.has(`${local}@${domain}`)) local = `${base}${rng.int(100, 9999)}`;
    emails.add(`${local}@${domain}`);

    let phone = randomMobile(rng);
    while (phones.has(phone)) phone = randomMobile(rng);
    phones.add(phone);

    data.userid.push(user.userid);
    data.name.push(`${surHangul}${g1Hangul}${g2Hangul}`);
    data.email.push(`${local}@${domain}`);
    data.phone.push(phone);
    data.region.push(user.region);
    data.signup_date.push(user.signupDate);
  }
  return makeTable(
    'pii',
    'user_contact',
    [
      { name: 'userid', type: 'integer' },
      { name: 'name', type: 'varchar(64)' },
      { name: 'email', type: 'varchar(128)' },
      { name: 'phone', type: 'varchar(32)' },
      { name: 'region', type: 'varchar(16)' },
      { name: 'signup_date', type: 'date' },
    ],
    data,
  );
}

function randomMobile(rng: Rng): string {
  return `010-${String(rng.int(2000, 9999))}-${String(rng.int(0, 9999)).padStart(4, '0')}`;
}

type NoteTemplate = (rng: Rng, user: UserProfile) => string;

/** Short analyst notes; several contain commas and double quotes on purpose (CSV quoting). */
const NOTE_TEMPLATES: readonly NoteTemplate[] = [
  (r) => `VIP 후보, 최근 3개월 구매 ${r.int(3, 9)}회`,
  (r) => `고객 문의: "환불 절차" 안내 완료 (티켓 #${r.int(1000, 9999)})`,
  (_r, u) => `주 유입 채널 ${CHANNELS[u.preferredChannel]}, 캠페인 반응 좋음`,
  (r) => `장바구니 이탈 ${r.int(2, 6)}회 - 쿠폰 발송 검토`,
  (_r, u) => `${u.region} 지역 오프라인 이벤트 초대 대상`,
  () => '이메일 수신 거부 요청',
  (r) => `A/B 테스트 그룹 ${r.pick(['A', 'B'])}에 배정`,
  (r) => `평균 세션 길이 ${r.int(2, 25)}분, 모바일 위주`,
  () => 'Churn risk: no visit in the last 30 days',
  (r) => `Follow up: asked about "premium plan", budget ~$${r.int(20, 200)}`,
  () => '결제 오류 신고, 재시도 후 해결',
  (r) => `NPS 설문 응답: ${r.int(0, 10)}점`,
];

export function generateUserNotes(rng: Rng, users: readonly UserProfile[], count: number): GeneratedTable {
  const days = dayRange('2019-06-01', '2019-12-20');
  const notes: { userid: number; note: string; key: number; created: string }[] = [];
  for (let i = 0; i < count; i++) {
    const user = rng.pick(users);
    const dayIdx = rng.int(0, days.length - 1);
    const seconds = rng.int(9 * 3600, 19 * 3600 - 1); // office hours
    const created = `${days[dayIdx]?.date} ${timeOfDay(seconds * 1_000_000).slice(0, 8)}`;
    notes.push({ userid: user.userid, note: rng.pick(NOTE_TEMPLATES)(rng, user), key: dayIdx * 86400 + seconds, created });
  }
  notes.sort((a, b) => a.key - b.key);
  return makeTable(
    'adhoc',
    'user_notes',
    [
      { name: 'userid', type: 'integer' },
      { name: 'note', type: 'varchar(256)' },
      { name: 'created_at', type: 'timestamp' },
    ],
    {
      userid: notes.map((n) => n.userid),
      note: notes.map((n) => n.note),
      created_at: notes.map((n) => n.created),
    },
  );
}
