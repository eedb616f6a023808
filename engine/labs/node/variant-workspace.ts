import { openTempWorkspace } from '../../workspace/node/temp-workspace';
import { loadCourseData } from '../../template/load-course-data';
import type { EmbeddedWarehouse } from '../../warehouse/embedded-warehouse';
import { labEnvironment, type LabEnvironment } from '../environment';
import { VARIANT_SEED, type VariantFactory } from '../variant';

/**
 * A Node variant factory: one temporary workspace holding the seed-2 course data, built on first
 * use and reused (each grading puts it in the step's starting state first). Close it when done.
 */
export function nodeVariantFactory(): { factory: VariantFactory; close: () => Promise<void> } {
  let opening: Promise<{ warehouse: EmbeddedWarehouse; env: LabEnvironment }> | undefined;
  const factory: VariantFactory = async () => {
    opening ??= (async () => {
      const warehouse = await openTempWorkspace({ seeded: false });
      await warehouse.runAsSystem((backend) => loadCourseData(backend, VARIANT_SEED));
      return { warehouse, env: labEnvironment(warehouse, { seed: VARIANT_SEED }) };
    })();
    return (await opening).env;
  };
  return {
    factory,
    close: async () => {
      if (opening) await (await opening).warehouse.close();
    },
  };
}
