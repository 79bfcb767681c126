// Test helper. Extracts the text of a PDF written by Chromium (Skia): inflates the streams,
// reads each font's ToUnicode CMap and decodes the text-showing operators of the page content.
// No PDF library is installed in this project (pdfjs-dist / unpdf are absent), so this small
// reader covers what Skia writes: Type0 fonts with Identity-H and ToUnicode CMaps.
import { inflateSync, constants } from 'node:zlib';

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

function parseObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const out = new Map<number, PdfObject>();
  const re = /(\d+) 0 obj\b/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endobj', start);
    if (end < 0) break;
    const body = text.slice(start, end);
    const si = body.indexOf('stream');
    let stream: Buffer | null = null;
    let dict = body;
    if (si >= 0 && !body.slice(0, si).includes('endstream')) {
      dict = body.slice(0, si);
      let ds = start + si + 'stream'.length;
      if (text[ds] === '\r') ds++;
      if (text[ds] === '\n') ds++;
      const de = text.indexOf('endstream', ds);
      let raw = pdf.subarray(ds, de);
      if (/\/FlateDecode/.test(dict)) {
        try {
          raw = inflateSync(raw, { finishFlush: constants.Z_SYNC_FLUSH });
        } catch {
          raw = Buffer.alloc(0);
        }
      }
      stream = raw;
    }
    out.set(Number(m[1]), { dict, stream });
    re.lastIndex = end;
  }
  return out;
}

function parseCmap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const hexToStr = (h: string) => {
    let s = '';
    for (let i = 0; i + 4 <= h.length; i += 4) s += String.fromCharCode(parseInt(h.slice(i, i + 4), 16));
    return s;
  };
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const p of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(parseInt(p[1]!, 16), hexToStr(p[2]!));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const p of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<([0-9a-fA-F]+)>|\[([^\]]*)\])/g)) {
      const lo = parseInt(p[1]!, 16);
      const hi = parseInt(p[2]!, 16);
      if (p[4]) {
        const base = parseInt(p[4], 16);
        for (let c = lo; c <= hi; c++) map.set(c, String.fromCharCode(base + c - lo));
      } else {
        const items = [...p[5]!.matchAll(/<([0-9a-fA-F]+)>/g)].map((x) => hexToStr(x[1]!));
        for (let c = lo; c <= hi; c++) map.set(c, items[c - lo] ?? '');
      }
    }
  }
  return map;
}

export function pdfText(pdf: Buffer): string {
  const objs = parseObjects(pdf);
  const cmapOfFontObj = new Map<number, Map<number, string>>();
  for (const [num, o] of objs) {
    const tu = /\/ToUnicode (\d+) 0 R/.exec(o.dict);
    const cm = tu ? objs.get(Number(tu[1])) : undefined;
    if (cm?.stream) cmapOfFontObj.set(num, parseCmap(cm.stream.toString('latin1')));
  }
  const fontByName = new Map<string, Map<number, string>>();
  for (const o of objs.values()) {
    for (const block of o.dict.matchAll(/\/Font\s*<<([^>]*)>>/g)) {
      for (const f of block[1]!.matchAll(/\/(\w+)\s+(\d+) 0 R/g)) {
        const cmap = cmapOfFontObj.get(Number(f[2]));
        if (cmap) fontByName.set(f[1]!, cmap);
      }
    }
  }
  let out = '';
  for (const o of objs.values()) {
    if (!o.stream || !/\bTf\b/.test(o.stream.toString('latin1'))) continue;
    const content = o.stream.toString('latin1');
    let cmap: Map<number, string> | undefined;
    const decodeHex = (h: string) => {
      let s = '';
      for (let i = 0; i + 4 <= h.length; i += 4) s += cmap?.get(parseInt(h.slice(i, i + 4), 16)) ?? '';
      return s;
    };
    const tokens = content.matchAll(/\/(\w+)\s+[\d.]+\s+Tf|\[((?:<[0-9a-fA-F]*>|\([^)]*\)|[-\d.\s])*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj|\b(Td|TD|T\*|Tm|ET)\b/g);
    for (const t of tokens) {
      if (t[1]) cmap = fontByName.get(t[1]);
      else if (t[2] !== undefined) {
        for (const part of t[2].matchAll(/<([0-9a-fA-F]*)>|(-?[\d.]+)/g)) {
          if (part[1] !== undefined) out += decodeHex(part[1]);
          else if (Number(part[2]) < -200) out += ' ';
        }
      } else if (t[3] !== undefined) out += decodeHex(t[3]);
      else if (t[4]) out += t[4] === 'Tm' || t[4] === 'ET' ? '\n' : ' ';
    }
  }
  return out;
}
