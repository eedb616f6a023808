import * as monaco from 'monaco-editor';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import type { CatalogSnapshot } from '../../../engine/host/contract';
import { suggestionsAt, type Suggestion } from './completion';

let installed = false;
let catalogSource: () => CatalogSnapshot = () => ({ schemas: [], externalSchemas: [], tables: [], models: [], functions: [] });

const KINDS: Record<Suggestion['kind'], monaco.languages.CompletionItemKind> = {
  keyword: monaco.languages.CompletionItemKind.Keyword,
  function: monaco.languages.CompletionItemKind.Function,
  schema: monaco.languages.CompletionItemKind.Module,
  table: monaco.languages.CompletionItemKind.Class,
  column: monaco.languages.CompletionItemKind.Field,
  alias: monaco.languages.CompletionItemKind.Variable,
  model: monaco.languages.CompletionItemKind.Method,
};

/** Columns and aliases first, keywords last. */
const ORDER: Record<Suggestion['kind'], number> = { column: 0, alias: 1, table: 2, schema: 3, model: 4, function: 5, keyword: 6 };

/** Monaco's worker, the Redshift language's completion from the live catalog; once per page. */
export function setupMonaco(catalog: () => CatalogSnapshot): typeof monaco {
  catalogSource = catalog;
  if (installed) return monaco;
  installed = true;
  (self as unknown as { MonacoEnvironment: monaco.Environment }).MonacoEnvironment = { getWorker: () => new EditorWorker() };
  monaco.languages.registerCompletionItemProvider('redshift', {
    triggerCharacters: ['.'],
    provideCompletionItems(model, position) {
      const word = model.getWordUntilPosition(position);
      const range = new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn);
      const before = model.getValueInRange(new monaco.Range(1, 1, position.lineNumber, position.column));
      const suggestions = suggestionsAt(model.getValue(), before, catalogSource()).map((s, i) => ({
        label: s.label,
        kind: KINDS[s.kind],
        detail: s.detail,
        insertText: s.label,
        range,
        sortText: `${ORDER[s.kind]}${String(i).padStart(5, '0')}`,
      }));
      return { suggestions };
    },
  });
  return monaco;
}

export type Monaco = typeof monaco;
