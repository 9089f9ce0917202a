// ChunkedText and TextWindow (src/core/text/chunkedText.ts) must read exactly like the string they stand
// for: the cache keeps a large document's text as pieces and edits them in place, and the parser and the
// checks read spans of it. Any difference would put findings and re-parses on the wrong characters.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { allFindings } from '../../src/core/checks';
import { parseTranscript, parseTranscriptFile, parseTranscriptFileSteps, reparseTranscript } from '../../src/core/parse';
import { archive } from '../../scripts/benchArchive';
import { ChunkedText, codeUnitsOf, textOfCodeUnits, TextWindow, textOver } from '../../src/core/text/chunkedText';
import { readFixture, readSeed, repositoryRoot, seedsDirectory } from './helpers';

/** Cuts `text` into pieces of `size` characters (the last one shorter). */
function piecesOf(text: string, size: number): string[] {
  const pieces: string[] = [];
  for (let at = 0; at < text.length; at += size) {
    pieces.push(text.slice(at, at + size));
  }
  return pieces;
}

const alphabet = fc.constantFrom('a', 'b', ' ', '\n', '\r', '“', '”', '…', '[', ']', '\u2028', '😀');
const textArbitrary = fc.array(alphabet, { maxLength: 80 }).map((characters) => characters.join(''));

suite('ChunkedText: pieces that read like their string', () => {
  test('slices of any span equal the string’s, whatever the piece size', () => {
    fc.assert(fc.property(textArbitrary, fc.integer({ min: 1, max: 9 }), fc.integer({ min: -3, max: 90 }), fc.integer({ min: -3, max: 90 }),
      (text, size, start, end) => {
        const chunked = ChunkedText.fromPieces(piecesOf(text, size), size);
        assert.equal(chunked.length, text.length);
        const from = Math.max(0, Math.min(start, text.length));
        assert.equal(chunked.slice(start, end), text.slice(from, Math.max(from, Math.min(end, text.length))));
        assert.equal(chunked.toString(), text);
      }), { numRuns: 2000 });
  });

  test('a sequence of replacements gives the string the same replacements give, and keeps older versions intact', () => {
    const replacement = fc.record({ start: fc.integer({ min: 0, max: 100 }), length: fc.integer({ min: 0, max: 12 }), text: textArbitrary });
    fc.assert(fc.property(textArbitrary, fc.integer({ min: 1, max: 7 }), fc.array(replacement, { maxLength: 12 }), (text, size, edits) => {
      let chunked = ChunkedText.fromPieces(piecesOf(text, size), size);
      let plain = text;
      const versions: Array<[ChunkedText, string]> = [[chunked, plain]];
      for (const edit of edits) {
        const start = Math.min(edit.start, plain.length);
        const end = Math.min(start + edit.length, plain.length);
        plain = plain.slice(0, start) + edit.text + plain.slice(end);
        chunked = chunked.replace(start, end, edit.text);
        versions.push([chunked, plain]);
      }
      for (const [version, expected] of versions) {
        assert.equal(version.length, expected.length);
        assert.equal(version.toString(), expected);
        assert.equal(version.slice(1, expected.length - 1), expected.slice(1, Math.max(1, expected.length - 1)));
      }
    }), { numRuns: 1500 });
  });

  test('a long paste is cut into pieces again, and an empty text stays one empty piece', () => {
    const pasted = ChunkedText.fromPieces(['abc'], 4).replace(1, 2, 'x'.repeat(40));
    assert.equal(pasted.toString(), `a${'x'.repeat(40)}c`);
    assert.ok(pasted.pieceCount >= 10, `a 42-character piece with 4-character chunks should be cut, got ${pasted.pieceCount} pieces`);
    const empty = ChunkedText.fromPieces([]);
    assert.equal(empty.length, 0);
    assert.equal(empty.slice(0, 10), '');
    assert.equal(empty.replace(0, 0, 'new').toString(), 'new');
  });
});

suite('TextWindow: one span read with the whole text’s offsets', () => {
  test('inside its span it reads like the string: characters, slices and searches', () => {
    fc.assert(fc.property(textArbitrary, fc.nat(90), fc.nat(90), fc.integer({ min: 1, max: 9 }), (text, a, b, size) => {
      const start = Math.min(a, b, text.length);
      const end = Math.min(Math.max(a, b), text.length);
      const window = new TextWindow(ChunkedText.fromPieces(piecesOf(text, size), size), start, end);
      assert.equal(window.length, text.length);
      for (let index = start; index < end; index++) {
        assert.equal(window.charCodeAt(index), text.charCodeAt(index));
        assert.equal(window.slice(index, end), text.slice(index, end));
      }
      for (const search of ['a', ']', '\n', 'ab']) {
        const found = text.slice(0, end).indexOf(search, start);
        const expected = found >= 0 && found + search.length <= end ? found : -1;
        assert.equal(window.indexOf(search, start), expected, `indexOf(${JSON.stringify(search)}, ${start})`);
      }
    }), { numRuns: 1500 });
  });

  test('outside its span it reads as nothing, and a string is used as it is', () => {
    const window = new TextWindow('0123456789', 3, 6);
    assert.ok(Number.isNaN(window.charCodeAt(7)));
    assert.equal(window.slice(0, 3), '');
    assert.equal(window.slice(2, 5), '34');
    assert.equal(window.indexOf('8', 0), -1);
    assert.equal(textOver('plain', 1, 3), 'plain');
    assert.ok(textOver(ChunkedText.fromPieces(['ab', 'cd']), 1, 3) instanceof TextWindow);
  });
});

suite('the checks on a text kept in pieces', () => {
  /** Every transcript of the checks fixtures and the seeds, with the file it came from. */
  function transcripts(): Array<[string, string]> {
    const found: Array<[string, string]> = [];
    for (const folder of ['checks', 'shotlists', 'interviews12']) {
      const directory = path.join(repositoryRoot, 'test', 'fixtures', folder);
      for (const name of readdirSync(directory).filter((file) => /\.(unifeed|txt|md)$/u.test(file))) {
        found.push([`${folder}/${name}`, readFileSync(path.join(directory, name), 'utf8')]);
      }
    }
    for (const name of readdirSync(seedsDirectory())) {
      found.push([`seed ${name}`, readSeed(name)]);
    }
    return found;
  }

  test('find exactly what they find on the whole string: every quote-fidelity finding included', () => {
    let fidelityFindings = 0;
    for (const [name, text] of transcripts()) {
      const expected = allFindings(parseTranscriptFile(text, name), text);
      // A fresh parse: the checks keep their findings per model.
      const actual = allFindings(parseTranscriptFile(text, name), ChunkedText.fromPieces(piecesOf(text, 97), 97));
      assert.deepEqual(actual, expected, name);
      fidelityFindings += expected.filter((finding) => finding.code.startsWith('quote-')).length;
    }
    assert.ok(fidelityFindings >= 5, `the files compared hold only ${fidelityFindings} quote findings`);
  });
});

suite('the parser on a text kept in pieces', () => {
  /** Drives a generator to its end (the editor turns its event loop between steps; a test need not). */
  function finish<T>(steps: Generator<void, T, void>): T {
    for (;;) {
      const step = steps.next();
      if (step.done) {
        return step.value;
      }
    }
  }

  const sources: Array<[string, string]> = [
    ['generated archive', archive(400_000)],
    ['archive with CRLF', archive(120_000).replace(/\n/gu, '\r\n')],
    ['shot list fixtures', ['clean.txt', 'geneva.txt', 'numbering_errors.txt', 'wrapped_speakers.txt'].map((name) => readFixture(`shotlists/${name}`)).join('\n\n')],
  ];

  test('the first parse in steps gives what the one-call parse gives, whatever the pieces and the step size', () => {
    for (const [name, text] of sources) {
      const expected = JSON.stringify(parseTranscript(text));
      for (const [pieceSize, chunkChars] of [[97, 1_000], [4_096, 30_000], [65_536, 256 * 1024]] as const) {
        const pieces = ChunkedText.fromPieces(piecesOf(text, pieceSize), pieceSize);
        const model = finish(parseTranscriptFileSteps(pieces, 'archive.unifeed', undefined, undefined, { chunkChars }));
        assert.equal(JSON.stringify(model), expected, `${name}, pieces of ${pieceSize}, steps of ${chunkChars}`);
      }
    }
  });

  test('a re-parse from the pieces after an edit gives what a fresh parse gives', () => {
    const text = archive(200_000);
    fc.assert(fc.property(fc.nat(text.length), fc.nat(300), fc.constantFrom('', 'x', '\n', 'STORY: UN / NEW\nTRT: 0:10\nSOURCE: UNIFEED\n', '“quoted”\n'),
      (start, length, inserted) => {
        const end = Math.min(text.length, start + length);
        const before = ChunkedText.fromPieces(piecesOf(text, 5_000), 5_000);
        const previous = finish(parseTranscriptFileSteps(before, 'archive.unifeed', undefined, undefined, { chunkChars: 20_000 }));
        const after = before.replace(start, end, inserted);
        const reparsed = reparseTranscript(previous, after, { start, oldEnd: end, newEnd: start + inserted.length });
        assert.equal(JSON.stringify(reparsed), JSON.stringify(parseTranscript(after.toString())));
      }), { numRuns: 60 });
  });
});

suite('code units: a text handed to another thread by transfer', () => {
  test('pieces cut anywhere, a surrogate pair (an emoji) split between two of them included, come back exactly', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.array(fc.nat(300), { maxLength: 6 }), (text, cuts) => {
      const ends = [...new Set(cuts.map((cut) => Math.min(cut, text.length)))].sort((a, b) => a - b);
      const pieces: string[] = [];
      let start = 0;
      for (const end of [...ends, text.length]) {
        pieces.push(text.slice(start, end));
        start = end;
      }
      assert.equal(textOfCodeUnits(pieces.map((piece) => codeUnitsOf(piece))), text);
    }), { numRuns: 300 });
    const emoji = 'Port Alder 🚢 harbour';
    const split = emoji.indexOf('🚢') + 1;
    assert.equal(textOfCodeUnits([codeUnitsOf(emoji.slice(0, split)), codeUnitsOf(emoji.slice(split))]), emoji, 'a pair cut in half');
  });

  test('a long piece reads whole (40,000 units), and a lone surrogate becomes one U+FFFD: the length is kept', () => {
    const long = 'Côte d’Ivoire, “quoted” — '.repeat(1600);
    assert.equal(textOfCodeUnits([codeUnitsOf(long)]), long);
    assert.equal(textOfCodeUnits([codeUnitsOf('a\ud83db')]), 'a\ufffdb');
  });

  test('a leading U+FEFF is kept (it is text, not a byte-order mark to drop), and a piece can be cut into slices', () => {
    const text = '\ufeffSTORY: UN / FICTIONAL FERRY';
    assert.equal(textOfCodeUnits([codeUnitsOf(text)]), text);
    assert.equal(textOfCodeUnits([codeUnitsOf(text, 0, 7), codeUnitsOf(text, 7, 12), codeUnitsOf(text, 12)]), text);
    assert.equal(textOfCodeUnits([]), '');
  });
});
