/**
 * Transcript-level explanations: for each signal, the window where it looks worst (value, sub-score
 * and plain-words explanation), so the report says why the score is what it is. A signal that is
 * fine everywhere is reported from the first window.
 */
import type { SignalResult } from "./types";

export function worstPerSignal(
  windows: readonly Record<string, SignalResult>[],
): Record<string, SignalResult> {
  const total = windows.length;
  // One window: its results are the worst of each signal, in their order (as the loop below makes them).
  if (total === 1) return windows[0]!;
  const out: Record<string, SignalResult> = {};
  for (let i = 0; i < total; i++) {
    const sig = windows[i]!;
    for (const name in sig) {
      const r = sig[name]!;
      const cur = out[name];
      // The results themselves: a window's results are not kept or shown anywhere else.
      if (!cur || r.subscore < cur.subscore) out[name] = r;
    }
  }
  if (total > 1) {
    for (const [name, r] of Object.entries(out)) {
      let bad = 0;
      for (let i = 0; i < total; i++) if ((windows[i]![name]?.subscore ?? 1) < 0.8) bad++;
      if (bad > 0)
        out[name] = {
          ...r,
          explanation: `${r.explanation} (worst of ${total} windows; ${bad} look weak on this)`,
        };
    }
  }
  return out;
}
