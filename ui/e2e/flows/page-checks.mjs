// Measurements taken inside the page: contrast of the focus ring, and a
// mouse drag the way the CDK's drag and drop expects one.

/** Focuses the element and answers the contrast of its outline against the colour behind it. */
export async function contrastOfFocusRing(page, selector) {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    el.focus();
    const rgb = (c) => (c.match(/[\d.]+/g) || []).map(Number);
    const lum = ([r, g, b]) => {
      const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const style = getComputedStyle(el);
    if (style.outlineStyle === 'none' || parseFloat(style.outlineWidth) < 1) return 0;
    const ring = rgb(style.outlineColor);
    let node = el.parentElement;
    let behind = [255, 255, 255];
    while (node) {
      const c = rgb(getComputedStyle(node).backgroundColor);
      if (c.length >= 3 && (c.length < 4 || c[3] > 0)) {
        behind = c;
        break;
      }
      node = node.parentElement;
    }
    const [hi, lo] = [lum(ring), lum(behind)].sort((a, b) => b - a);
    return (hi + 0.05) / (lo + 0.05);
  }, selector);
}

/** Drags a board card onto a column with real mouse moves (the CDK starts a drag after a few pixels). */
export async function dragCard(page, card, column) {
  const from = await card.boundingBox();
  const to = await column.boundingBox();
  // Grab the card by its lower right, away from its link and its Move button.
  const x = from.x + from.width - 30;
  const y = from.y + from.height - 8;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 10, y + 10, { steps: 5 });
  await page.mouse.move(to.x + to.width / 2, to.y + 80, { steps: 20 });
  await page.waitForTimeout(200);
  await page.mouse.up();
}
