// Shared building blocks of the scenes: entrance animation, text that fits, the brand's colours.
import type { CSSProperties, ReactNode } from 'react';
import { interpolate, spring, useCurrentFrame, useVideoConfig } from 'remotion';
import { INK, PAPER, readableOn } from '../../../src/lib/domain/contrast';
import { WIDTH } from '../../script';

export { FONT_STACK as FONT } from './fonts';
export const PAD = 64;
const TEXT_WIDTH = WIDTH - 2 * PAD;
export { INK, PAPER, readableOn };

/** Slides and fades its children in, `delay` frames after its scene starts; it never fades out (hard cuts). */
export function Enter({ delay = 0, children, style }: { delay?: number; children: ReactNode; style?: CSSProperties }) {
	const frame = useCurrentFrame();
	const { fps } = useVideoConfig();
	const p = spring({ frame: frame - delay, fps, config: { damping: 200 }, durationInFrames: Math.round(fps * 0.5) });
	const y = interpolate(p, [0, 1], [28, 0]);
	return <div style={{ opacity: p, transform: `translateY(${y}px)`, ...style }}>{children}</div>;
}

/**
 * A font size at which text fits `width` over at most `lines` lines, never below `min`:
 * long names, long words and large amounts shrink instead of overflowing.
 */
export function fitSize(text: string, opts: { max: number; min: number; width?: number; lines?: number }): number {
	const width = opts.width ?? TEXT_WIDTH;
	const lines = opts.lines ?? 2;
	const longestWord = Math.max(1, ...text.split(/\s+/).map((w) => [...w].length));
	const byWord = width / (longestWord * 0.6);
	const byTotal = (width * lines) / (Math.max(1, [...text].length) * 0.56);
	return Math.round(Math.max(opts.min, Math.min(opts.max, byWord, byTotal)));
}

export const wrap: CSSProperties = { overflowWrap: 'anywhere', hyphens: 'auto', margin: 0 };
