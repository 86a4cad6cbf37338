import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { yaml } from '@codemirror/lang-yaml';
import { bracketMatching, defaultHighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { type Diagnostic, lintGutter, setDiagnostics } from '@codemirror/lint';
import { Compartment, EditorState, type Text } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from '@codemirror/view';
import { useEffect, useLayoutEffect, useRef } from 'react';
import type { ScenarioError } from '../api/types';

/** Where an error with a 1-based line and column lies in the document: from its column to the end of its line. */
export function errorRange(doc: Text, error: ScenarioError): { from: number; to: number } {
  const lineNumber = Math.min(Math.max(error.line ?? 1, 1), doc.lines);
  const line = doc.line(lineNumber);
  const from = Math.min(line.from + Math.max((error.column ?? 1) - 1, 0), line.to);
  return { from, to: from === line.to ? Math.min(line.to + 1, doc.length) : line.to };
}

function diagnostics(doc: Text, errors: readonly ScenarioError[]): Diagnostic[] {
  return errors.map((error) => ({
    ...errorRange(doc, error),
    severity: 'error',
    source: error.code,
    message: error.path ? `${error.message} (${error.path})` : error.message,
  }));
}

interface Props {
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly readOnly: boolean;
  /** Validation errors of `value`, drawn at their lines (underline, gutter mark, message on hover). */
  readonly errors: readonly ScenarioError[];
}

/** A CodeMirror 6 editor for scenario YAML. */
export function YamlEditor({ value, onChange, readOnly, errors }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const editable = useRef(new Compartment());
  const changed = useRef(onChange);
  useLayoutEffect(() => {
    changed.current = onChange;
  });

  useEffect(() => {
    const state = EditorState.create({
      doc: value,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        highlightActiveLine(),
        syntaxHighlighting(defaultHighlightStyle),
        yaml(),
        lintGutter(),
        keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
        EditorState.tabSize.of(2),
        editable.current.of([EditorState.readOnly.of(readOnly), EditorView.editable.of(!readOnly)]),
        EditorView.contentAttributes.of({ 'aria-label': 'scenario YAML' }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) changed.current(update.state.doc.toString());
        }),
      ],
    });
    view.current = new EditorView({ state, parent: host.current as HTMLDivElement });
    // A scroll box a keyboard can focus and scroll, read-only or not (long lines on a narrow screen).
    const scroller = view.current.scrollDOM;
    scroller.tabIndex = 0;
    scroller.setAttribute('role', 'region');
    scroller.setAttribute('aria-label', 'scenario YAML, scrollable');
    return () => {
      view.current?.destroy();
      view.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the editor is made once; later value and readOnly changes go through their own effects
  }, []);

  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
  }, [value]);

  useEffect(() => {
    view.current?.dispatch({ effects: editable.current.reconfigure([EditorState.readOnly.of(readOnly), EditorView.editable.of(!readOnly)]) });
  }, [readOnly]);

  useEffect(() => {
    const v = view.current;
    if (v) v.dispatch(setDiagnostics(v.state, diagnostics(v.state.doc, errors)));
  }, [errors]);

  return <div className="yaml-editor" ref={host} data-testid="yaml-editor" />;
}
