// The template `init` writes: YAML an editor connects to the schema, with placeholders that lint
// reports, one finding each, until they are filled in.
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { lintPolicy, PLACEHOLDER_PATTERN, policyJsonSchema, policyTemplate } from '../../src/index.js';

describe('policyTemplate', () => {
  it('starts with the schema line, pointing at the published schema unless told otherwise', () => {
    expect(policyTemplate({ id: 'anytown' }).split('\n')[0]).toBe(
      `# yaml-language-server: $schema=${policyJsonSchema().$id}`,
    );
    expect(policyTemplate({ id: 'anytown', schema: './policy.schema.json' }).split('\n')[0]).toBe(
      '# yaml-language-server: $schema=./policy.schema.json',
    );
  });

  it('writes any partnership name safely: quotes, a colon, a hash and a line break stay text', () => {
    const name = 'Anytown: "North" & South # Partnership\nsecond line';
    const data = parseDocument(policyTemplate({ id: 'anytown', partnership: name })).toJS() as {
      partnership: string;
      source: { publisher: string };
    };
    expect(data.partnership).toBe(name);
    expect(data.source.publisher).toBe(name);
  });

  it('is reported by lint as placeholders only, each at its own line, and every one of them', () => {
    const text = policyTemplate({ id: 'anytown' });
    const findings = lintPolicy(text, { file: 'anytown.yaml' });
    const lines = text.split('\n');
    const placeholderLines = lines
      .map((line, i) => (!line.trimStart().startsWith('#') && /: <[^<>]+>$/.test(line) ? i + 1 : 0))
      .filter(Boolean);
    expect(findings.map((f) => f.code)).toEqual(placeholderLines.map(() => 'PLACEHOLDER'));
    expect(findings.map((f) => f.line)).toEqual(placeholderLines);
    expect(findings[0]).toMatchObject({
      severity: 'error',
      path: 'title',
      message:
        "Still a placeholder from the template: write the procedure's title, as the document gives it (replacing the angle brackets too)",
    });
  });

  it('names a placeholder in a definition given as data too, and nothing else at its path', () => {
    const data = parseDocument(policyTemplate({ id: 'anytown', partnership: 'Anytown Partnership' })).toJS() as Record<
      string,
      unknown
    >;
    const findings = lintPolicy(data);
    expect(findings.every((f) => f.code === 'PLACEHOLDER')).toBe(true);
    expect(findings.filter((f) => f.path === 'source.issued')).toHaveLength(1);
  });
});

describe('PLACEHOLDER_PATTERN', () => {
  it('is a whole value in angle brackets, and nothing else', () => {
    expect(PLACEHOLDER_PATTERN.test("<the partnership's name>")).toBe(true);
    expect(PLACEHOLDER_PATTERN.test('Talk to <the manager>')).toBe(false);
    expect(PLACEHOLDER_PATTERN.test('<>')).toBe(false);
    expect(PLACEHOLDER_PATTERN.test('<a\nb>')).toBe(false);
  });
});
