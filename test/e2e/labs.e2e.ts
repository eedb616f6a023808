import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { e2e, expect } from './harness';
import { AppPage } from './pages/app-page';
import { ConsolePage } from './pages/console-page';
import { LabsPage } from './pages/labs-page';

interface BundledLab {
  id: string;
  order: number;
  steps: { id: string; solution: { sql?: string; console?: string }[] }[];
}

const bundle = JSON.parse(readFileSync(join(process.cwd(), 'labs', 'bundle.json'), 'utf8')) as { labs: BundledLab[] };
const labsInOrder = [...bundle.labs].sort((a, b) => a.order - b.order);

// Each lab's first step as a student does it: the check fails on the starting state, the step's
// solution is done where the lecture does it (SQL in the lab's editor, console lines in the
// console), and the same check passes.
for (const lab of labsInOrder) {
  e2e(`lab "${lab.id}": its first step fails, then passes after its solution`, async ({ page, screenshot }) => {
    const app = new AppPage(page);
    const labs = new LabsPage(page);
    const consoleLine = new ConsolePage(page);
    await app.go('labs');
    await labs.openFresh(lab.id);
    expect((await labs.completedSteps()) === 0, 'the reset lab has no completed step');
    const failing = await labs.check();
    expect(!failing.passed, `the starting state fails the check: ${failing.text}`);
    for (const action of lab.steps[0]!.solution) {
      if (action.console) {
        await app.go('console');
        const output = await consoleLine.run(action.console);
        const error = await consoleLine.lastError();
        expect(error === undefined, `${action.console}: ${error ?? output}`);
        await app.go('labs');
        await page.getByTestId('lab-detail').waitFor();
      } else if (action.sql) {
        await labs.setSql(action.sql);
        await labs.run();
      }
    }
    const passing = await labs.check();
    expect(passing.passed, `the solution passes: ${passing.text}`);
    await page.locator('[data-testid="lab-step"].done').first().waitFor();
    await screenshot(`16-lab-${lab.order}-${lab.id}`);
  });
}
