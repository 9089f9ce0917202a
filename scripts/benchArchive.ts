// The generated archive of fictional shot lists that the parser and outline benchmarks measure.

/** Deterministic pseudo-random numbers so every run measures the same archive. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const places = ['BOR, SOUTH SUDAN', 'GOMA, DEMOCRATIC REPUBLIC OF THE CONGO', 'BANGUI, CENTRAL AFRICAN REPUBLIC', 'NAQOURA, LEBANON', 'NEW YORK CITY', 'GENEVA, SWITZERLAND'];
const missions = ['UNMISS', 'MONUSCO', 'MINUSCA', 'UNIFIL', 'UNISFA', 'UNFICYP'];
const speakers = ['Ana Ruiz, Nurse, Bor Hospital', 'Omar Tesfaye, Force Commander, UNISFA', 'Mira Koskinen, Spokesperson, United Nations', 'Luc Abena, Mayor of Bor'];
const shotTypes = ['Wide shot', 'Med shot', 'Various shots', 'Close up', 'Pan left', 'Tracking shot', 'Aerial shot'];
const words = 'the mission will stay with the people of the valley until the roads are open and the schools are full again because peace is built one day at a time'.split(' ');

function sentence(next: () => number, length: number): string {
  const picked: string[] = [];
  for (let index = 0; index < length; index++) {
    picked.push(words[Math.floor(next() * words.length)] ?? 'peace');
  }
  const text = picked.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function story(next: () => number, index: number): string {
  const place = places[index % places.length] ?? '';
  const mission = missions[index % missions.length] ?? '';
  const out = [
    `STORY: UN / BENCH STORY ${index}`,
    `TRT: ${1 + (index % 7)}:${String(10 + (index % 49)).padStart(2, '0')}`,
    `SOURCE: UNIFEED / ${mission}`,
    'RESTRICTIONS: NONE',
    'LANGUAGES: ENGLISH / FRENCH / NATS',
    `DATELINE: ${1 + (index % 28)} MAY 2025, ${place} / FILE`,
    'SHOTLIST',
  ];
  let shot = 1;
  for (let section = 0; section < 4; section++) {
    out.push(section % 2 === 0 ? `FILE - ${mission} - ${place}` : `${1 + (index % 28)} MAY 2025, ${place}`);
    for (let item = 0; item < 3; item++) {
      if (item === 2) {
        out.push(`${shot++}. SOUNDBITE (English) ${speakers[Math.floor(next() * speakers.length)]}:`);
        out.push(`“${sentence(next, 30)} ${sentence(next, 25)}”`);
      } else {
        out.push(`${shot++}. ${shotTypes[Math.floor(next() * shotTypes.length)]}, ${sentence(next, 8)}`);
      }
    }
  }
  out.push('STORYLINE');
  for (let paragraph = 0; paragraph < 5; paragraph++) {
    out.push(`${sentence(next, 20)} The commander said, “${sentence(next, 15)}” ${sentence(next, 12)}`);
  }
  out.push('');
  return out.join('\n');
}

/** A deterministic archive of about `bytes` characters of fictional shot lists, stories separated by blank lines. */
export function archive(bytes: number): string {
  const next = random(42);
  const parts: string[] = [];
  let length = 0;
  for (let index = 0; length < bytes; index++) {
    const part = story(next, index);
    parts.push(part);
    length += part.length;
  }
  return parts.join('\n');
}
