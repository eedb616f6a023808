import type en from './panels.en';

/** 콘솔 패널의 한국어 텍스트 (`panels.` 아래에 합쳐짐). */
const ko: typeof en = {
  title: 'AWS 콘솔',
  tabs: { s3: 'S3', iam: 'IAM', glue: 'Glue 데이터 카탈로그', cluster: 'Redshift 클러스터', snapshots: '스냅샷', serverless: '서버리스', models: 'ML 모델', maintenance: '테이블 유지 관리' },
  common: {
    refresh: '새로 고침', create: '생성', delete: '삭제', cancel: '취소', name: '이름', size: '크기', created: '생성 시각', lastModified: '마지막 수정', status: '상태', actions: '작업',
    none: '아직 없습니다.', loading: '불러오는 중…', type: '유형', location: '위치', confirmDelete: '{name}을(를) 삭제할까요?', equivalent: '같은 명령', close: '닫기', back: '이전', next: '다음', days: '{n}일', indefinitely: '무기한',
  },
  s3: {
    buckets: '버킷', createBucket: '버킷 만들기', bucketName: '버킷 이름', objects: '객체', upload: '업로드', dropHere: '파일을 여기에 끌어 놓으면 {target}에 업로드됩니다', uploadStatus: '업로드 상태', uploadSummary: '파일 {total}개 중 {done}개 업로드됨 · {size} 중 {stored}', uploadFailed: '{n}개 실패', dismiss: '닫기', uploadStates: { queued: '대기 중', uploading: '업로드 중', done: '성공', failed: '실패' },
    download: '다운로드', folder: '폴더', up: '상위 폴더', empty: '이 폴더에 객체가 없습니다.', noBuckets: '버킷이 없습니다. 데이터를 올리려면 버킷을 만드세요.', deleteBucket: '버킷 삭제', choose: '파일 선택',
  },
  iam: {
    roles: '역할', createRole: '역할 만들기', roleName: '역할 이름', description: '설명', trust: '신뢰 관계', trustHint: '신뢰할 수 있는 엔터티: redshift.amazonaws.com (Redshift - Customizable)', policies: '권한 정책',
    attach: '정책 연결', detach: '분리', cluster: '클러스터 권한 ({cluster})', associated: '연결된 IAM 역할', default: '기본값', makeDefault: '기본값으로 설정', associate: '클러스터에 연결', disassociate: '클러스터에서 제거',
    noRoles: '역할이 없습니다. Redshift용 역할을 만드세요 (신뢰할 수 있는 엔터티: redshift.amazonaws.com).', selectRole: '역할을 선택하면 신뢰 정책과 권한 정책이 보입니다.', deleteRole: '역할 삭제', noPolicies: '연결된 정책이 없습니다.', notAssociated: '클러스터에 연결된 역할이 없습니다.',
  },
  glue: {
    databases: '데이터베이스', tables: '테이블', columns: '열', partitions: '파티션', partitionKey: '파티션 키', query: '이 테이블 쿼리', inputFormat: '입력 형식', noDatabases: '외부 스키마가 없습니다. CREATE EXTERNAL SCHEMA … FROM DATA CATALOG로 Glue 데이터베이스를 만듭니다.',
    selectTable: '테이블을 선택하면 열과 파티션이 보입니다.', schema: '외부 스키마', database: 'Glue 데이터베이스', values: '값', noPartitions: '파티션이 없습니다.',
  },
  cluster: {
    general: '일반 정보', nodeType: '노드 유형', nodes: '노드 수', endpoint: '엔드포인트', database: '데이터베이스', admin: '관리자 사용자', maintenance: '유지 관리 기간', saveWindow: '기간 저장',
    pause: '일시 중지', resume: '재개', delete: '클러스터 삭제', finalSnapshot: '최종 스냅샷 생성', finalSnapshotId: '최종 스냅샷 식별자', confirmDelete: '클러스터를 삭제할까요? 모든 데이터가 지워집니다.', deleted: '클러스터 없음: {message}',
    restore: '스냅샷에서 클러스터 복원', clock: '워크스페이스 시계', now: '시뮬레이션 시각', offset: '실제 시각보다 +{hours}시간', advance: '시간 앞으로', cost: '비용 미터 (AWS 정가)', total: '합계',
    costKinds: { compute: '컴퓨팅 (노드-시간)', 'managed-storage': '관리형 스토리지', 'snapshot-storage': '스냅샷 스토리지', spectrum: 'Spectrum 스캔', ml: 'ML 학습', 'serverless-compute': '서버리스 (RPU-시간)' },
    statuses: { available: '사용 가능', paused: '일시 중지됨', pausing: '일시 중지 중', resuming: '재개 중', deleting: '삭제 중', 'final-snapshot': '최종 스냅샷', creating: '생성 중' },
  },
  snapshots: {
    list: '스냅샷', create: '스냅샷 생성', identifier: '스냅샷 식별자', type: '유형', automated: '자동', manual: '수동', total: '전체 크기 (MB)', incremental: '증분 (MB)', retention: '보존 기간',
    remaining: '{n}일 남음', settings: '백업 설정', automatedRetention: '자동 스냅샷 보존 기간 (일)', manualRetention: '수동 스냅샷 기본 보존 기간 (일, -1 = 무기한)', save: '저장',
    copy: '교차 리전 스냅샷 복사', copyTo: '복사 대상 리전', copyRetention: '복사본 보존 기간 (일)', enableCopy: '복사 활성화', disableCopy: '복사 비활성화', copyEnabled: '새 스냅샷을 {region}에 복사 중 ({days}일 보존)', copies: '{region}의 복사본',
    restoreTable: '테이블 복원', restores: '테이블 복원 요청', request: '요청', progress: '진행률', noSnapshots: '스냅샷이 없습니다. 수동 스냅샷을 만들거나 시계를 앞으로 돌려 자동 스냅샷이 생기게 하세요.',
    wizard: {
      title: '스냅샷에서 테이블 복원', step1: '1. 스냅샷', step2: '2. 원본 테이블', step3: '3. 대상', sourceDatabase: '원본 데이터베이스', sourceSchema: '원본 스키마', sourceTable: '원본 테이블',
      targetSchema: '대상 스키마', newTable: '새 테이블 이름', restore: '테이블 복원', command: '같은 명령',
    },
  },
  serverless: {
    namespace: '네임스페이스', workgroup: '작업 그룹', createNamespace: '네임스페이스 만들기', createWorkgroup: '작업 그룹 만들기', baseCapacity: '기본 용량 (RPU)', recoveryPoints: '복구 지점 (30분마다, 24시간 보존)',
    timeline: '타임라인', convert: '스냅샷으로 변환', snapshotName: '스냅샷 이름', snapshots: '스냅샷', restoreTable: '테이블 복원', deleteWorkgroup: '작업 그룹 삭제', deleteNamespace: '네임스페이스 삭제',
    noNamespace: '서버리스 네임스페이스가 없습니다. 네임스페이스를 만든 다음 작업 그룹을 만드세요.', noPoints: '아직 복구 지점이 없습니다: 시계를 앞으로 돌려 보세요 (예: 1h).', orderHint: '네임스페이스보다 작업 그룹을 먼저 삭제해야 합니다.', restoreStatus: '복원 {id}: {status}',
  },
  models: {
    list: '모델', state: '상태', target: '타깃', function: '함수', metric: '검증 지표', training: '학습 중: {phase} — 후보 {total}개 중 {done}개', leaderboard: '리더보드', candidate: '후보', algorithm: '알고리즘',
    params: '하이퍼파라미터', trainMs: '학습 시간 (ms)', metricChart: '후보별 검증 {metric}', confusion: '혼동 행렬 — 검증 데이터', confusionSample: '혼동 행렬 — 학습 데이터 표본', roc: 'ROC 곡선 — 검증 데이터 (AUC {auc})', rocSample: 'ROC 곡선 — 학습 데이터 표본 (AUC {auc})', actual: '실제', predicted: '예측', importance: '특성 중요도 (EXPLAIN_MODEL)',
    exploration: '데이터 탐색 보고서', histogram: '분포', balance: '타깃 분포 ({target})', correlation: '상관관계', rows: '{n}행', validationFolds: '검증 데이터: 최우수 후보 {candidate}의 {folds}겹 층화 교차 검증 폴드 외(out-of-fold) 예측입니다. {n}행 각각을 그 행으로 학습하지 않은 모델이 예측했습니다. 리더보드의 지표도 이 예측으로 계산됩니다.', validationHoldout: '검증 데이터: 최우수 후보 {candidate}가 층화 홀드아웃 {n}행(학습에 쓰지 않은 행)을 예측한 결과입니다. 리더보드의 지표도 이 예측으로 계산됩니다.', trainingSample: '이 모델은 검증 예측을 보관하기 전에 학습되었습니다: 최종 모델이 학습 데이터 5행마다 1행({n}행)을 평가한 결과로, 학습에 쓰인 행이므로 검증보다 좋게 보입니다. 다시 학습하면 검증 데이터 기준으로 보입니다.', showModel: 'SHOW MODEL',
    noModels: '모델이 없습니다. CREATE MODEL …을 실행하면 학습 작업이 시작되고 진행 상황과 함께 여기에 나타납니다.', selectModel: '모델을 선택하면 리더보드와 보고서가 보입니다.', failed: '학습 실패: {reason}', cost: '예상 비용 USD {usd}',
    states: { TRAINING: '학습 중', READY: '준비됨', FAILED: '실패' },
  },
  maintenance: {
    tables: '테이블 (SVV_TABLE_INFO)', rows: '행 (삭제 포함)', visible: '보이는 행', unsorted: '정렬 안 됨 %', statsOff: '통계 차이 %', sizeMb: '크기 (MB)', sortkey: '정렬 키', vacuum: 'VACUUM', vacuumSort: 'SORT ONLY', vacuumDelete: 'DELETE ONLY', analyze: 'ANALYZE',
    before: '이전', after: '이후', comparison: '이전 / 이후: {command}', noTables: '행이 있는 테이블이 없습니다.', filter: '테이블 필터',
  },
};
export default ko;
