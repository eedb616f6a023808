import type en from './en';

const ko: typeof en = {
  app: { title: 'Warehouse Lab', loading: '웨어하우스를 시작하는 중…', firstRun: '작업 공간을 준비하는 중(처음 한 번만)…', ready: '준비됨', engineRestarted: '엔진을 다시 시작했습니다({reason}). 작업 공간은 그대로입니다.' },
  nav: { labs: '실습', sandbox: 'SQL 샌드박스', console: '콘솔' },
  menu: { settings: '설정', shortcuts: '단축키', about: '정보', language: '언어', theme: '테마', fontSize: '편집기 글꼴 크기', close: '닫기', light: '밝게', dark: '어둡게', system: '시스템', resetWorkspace: '작업 공간 초기화…', confirmResetWorkspace: '작업 공간 전체(데이터베이스, S3 파일, 실습 진행 상황)를 강의 시작 상태로 되돌릴까요?', resetting: '초기화 중…' },
  user: { runAs: '실행 사용자', you: '현재 사용자: {user}', superuser: '슈퍼유저' },
  labs: {
    title: '실습', progress: '{done} / {total} 단계', none: '이 빌드에는 실습이 설치되어 있지 않습니다.', back: '실습 목록', steps: '단계',
    run: '실행', check: '확인', hint: '힌트', nextHint: '다음 힌트', solution: '정답 보기', resetStep: '단계 초기화', resetLab: '실습 초기화',
    passed: '통과', failed: '아직입니다', completed: '완료', solutionComment: '정답', confirmReset: '이 실습을 초기화하고 진행 상황을 지울까요?',
  },
  sandbox: {
    run: '실행', runAll: '모두 실행', cancel: '취소', format: '정렬', newTab: '새 탭', open: '열기…', save: '저장…', history: '기록',
    searchHistory: '기록 검색', noHistory: '아직 실행한 쿼리가 없습니다', schema: '스키마', refresh: '새로 고침', tab: '쿼리 {n}', closeTab: '탭 닫기',
    insertName: '이름 넣기', selectTop: '처음 100행 SELECT', copyName: '이름 복사', external: '외부', view: '뷰', model: '모델',
    queryWith: '쿼리 엔진', redshift: 'Redshift', athena: 'Athena (Glue 카탈로그)', athenaDatabase: '데이터베이스', athenaHint: 'Athena는 클러스터 없이 Glue 카탈로그의 테이블을 읽습니다. 한 번에 SELECT 하나, 스캔한 바이트만큼 과금됩니다.',
  },
  result: {
    rows: '{count}행', affected: '{command}: {count}행', time: '{ms}ms', scan: 'Spectrum 스캔: {bytes}바이트, 파일 {files}개, USD {cost}', athenaScan: 'Athena 스캔: {bytes}바이트, 파일 {files}개, USD {cost}',
    copy: '복사', exportCsv: 'CSV', exportXlsx: 'XLSX', exportJson: 'JSON', noResult: '쿼리를 실행하면 결과가 여기에 표시됩니다.', error: '오류 {code}', at: '위치 {position}',
    statement: '문장 {n}', notices: '메시지', copied: '복사됨', loadingRows: '행을 불러오는 중…',
  },
  console: { title: '콘솔', placeholder: 'aws s3 ls s3://bucket/ — 명령을 입력하고 Enter', attach: '파일 첨부', attached: '파일 {count}개 첨부됨', panels: '콘솔 패널', panelsSoon: 'AWS 콘솔 패널(클러스터, S3, 스냅샷)이 여기에 표시됩니다.', run: '실행', exit: '종료 코드 {code}', dropHint: '파일을 여기에 놓으면 aws s3 cp에 쓸 수 있습니다' },
  shortcuts: {
    title: '단축키', runStatement: '커서 위치의 문장(또는 선택 영역) 실행', runAll: '모든 문장 실행', format: 'SQL 정렬', cancel: '실행 중인 쿼리 취소', help: '이 도움말 보기', newTab: '새 탭',
  },
  about: { title: 'Warehouse Lab 정보', text: 'AWS 계정 없이 Amazon Redshift를 실습합니다: 보안, 백업과 복원, Spectrum, Redshift ML.', app: '앱', engine: '엔진', postgres: 'PostgreSQL (PGlite)', host: '호스트', workspace: '작업 공간' },
  progress: { workspace: '작업 공간 준비' },
};
export default ko;
