/**
 * WCAG contrast of what a page shows, measured in the browser from computed styles: every visible element
 * that holds text of its own (and every placeholder), against the background it is painted on (the
 * element's and its ancestors' backgrounds, blended). Disabled controls are exempt, as WCAG has it.
 */
import type { Page } from "playwright-core";

export interface LowContrast {
  text: string;
  color: string;
  background: string;
  ratio: number;
  needed: number;
}

/** The texts below AA (4.5:1, or 3:1 for large text) on the page as it is now. */
export async function lowContrast(page: Page): Promise<LowContrast[]> {
  // The test runner's compiler names functions through a helper the page lacks; a string it leaves alone.
  await page.evaluate("globalThis.__name ??= (f) => f");
  return page.evaluate(() => {
    type Rgba = [number, number, number, number];
    const parse = (css: string): Rgba => {
      const parts = css.match(/[\d.]+/g)?.map(Number) ?? [0, 0, 0, 0];
      return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 1];
    };
    const over = (top: Rgba, below: Rgba): Rgba => {
      const a = top[3];
      return [0, 1, 2].map((i) => top[i]! * a + below[i]! * (1 - a)).concat(1) as Rgba;
    };
    const luminance = ([r, g, b]: Rgba) => {
      const channel = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const ratio = (a: Rgba, b: Rgba) => {
      const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
      return (light + 0.05) / (dark + 0.05);
    };
    const backgroundOf = (element: Element): Rgba => {
      const layers: Rgba[] = [];
      for (let at: Element | null = element; at; at = at.parentElement) {
        const layer = parse(getComputedStyle(at).backgroundColor);
        if (layer[3] > 0) layers.push(layer);
        if (layer[3] >= 1) break;
      }
      return layers.reduceRight((below, top) => over(top, below), [255, 255, 255, 1] as Rgba);
    };
    const large = (style: CSSStyleDeclaration) => {
      const size = Number.parseFloat(style.fontSize);
      return size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    };
    const found: {
      text: string;
      color: string;
      background: string;
      ratio: number;
      needed: number;
    }[] = [];
    const check = (element: Element, text: string, color: Rgba, style: CSSStyleDeclaration) => {
      const background = backgroundOf(element);
      const measured = ratio(over(color, background), background);
      const needed = large(style) ? 3 : 4.5;
      if (measured < needed)
        found.push({
          text: text.slice(0, 60),
          color: `rgba(${color.join(",")})`,
          background: `rgb(${background.slice(0, 3).join(",")})`,
          ratio: Math.round(measured * 100) / 100,
          needed,
        });
    };
    for (const element of document.body.querySelectorAll("*")) {
      if (element.closest("[disabled], .sr-only, option")) continue;
      const rect = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      if (rect.width === 0 || rect.height === 0 || style.visibility === "hidden") continue;
      const own = [...element.childNodes]
        .filter((node) => node.nodeType === Node.TEXT_NODE)
        .map((node) => node.textContent?.trim() ?? "")
        .join(" ")
        .trim();
      if (own) check(element, own, parse(style.color), style);
      const placeholder = element.getAttribute("placeholder");
      if (placeholder && !(element as HTMLInputElement).value)
        check(element, placeholder, parse(getComputedStyle(element, "::placeholder").color), style);
    }
    return found;
  });
}
