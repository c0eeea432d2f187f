import { MentionMenu, insertMention, mentionAt } from './mention';

describe('mentionAt', () => {
  it('finds the name typed after "@" at the caret', () => {
    expect(mentionAt('hi @ad', 6)).toEqual({ start: 3, query: 'ad' });
    expect(mentionAt('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionAt('(@bo', 4)).toEqual({ start: 1, query: 'bo' });
  });

  it('starts no mention inside an e-mail address or after a space', () => {
    expect(mentionAt('ada@example', 11)).toBeNull();
    expect(mentionAt('@ada done', 9)).toBeNull();
    expect(mentionAt('no at here', 5)).toBeNull();
  });

  it('only sees what is before the caret', () => {
    expect(mentionAt('@ada and more', 3)).toEqual({ start: 0, query: 'ad' });
    expect(mentionAt('x @ada', 1)).toBeNull();
  });
});

describe('insertMention', () => {
  it('replaces the typed part with @username and a space', () => {
    const r = insertMention('hi @ad', 6, { start: 3, query: 'ad' }, 'ada_l');
    expect(r).toEqual({ text: 'hi @ada_l ', caret: 10 });
  });

  it('replaces the rest of a name the caret is inside, keeping what follows', () => {
    const r = insertMention('@ad!a, see', 3, { start: 0, query: 'ad' }, 'ada');
    expect(r.text).toBe('@ada !a, see');
    const r2 = insertMention('@adx see', 3, { start: 0, query: 'ad' }, 'ada');
    expect(r2.text).toBe('@ada see');
    expect(r2.caret).toBe(5);
  });
});

describe('MentionMenu', () => {
  it('moves with the arrows, wrapping, and picks with Enter', () => {
    const m = new MentionMenu<string>();
    expect(m.key('ArrowDown')).toBeNull();
    m.set(['a', 'b', 'c']);
    expect(m.current()).toBe('a');
    expect(m.key('ArrowUp')).toBe('moved');
    expect(m.current()).toBe('c');
    m.key('ArrowDown');
    expect(m.current()).toBe('a');
    m.key('End');
    expect(m.current()).toBe('c');
    m.key('Home');
    m.key('ArrowDown');
    expect(m.key('Enter')).toBe('pick');
    expect(m.current()).toBe('b');
  });

  it('closes with Escape and ignores other keys', () => {
    const m = new MentionMenu<string>();
    m.set(['a']);
    expect(m.key('x')).toBeNull();
    expect(m.key('Escape')).toBe('close');
    m.close();
    expect(m.open).toBe(false);
  });
});
