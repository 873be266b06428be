// Remotion's entry point: the server bundles this file (see src/lib/server/video/renderer.ts).
import { registerRoot } from 'remotion';
import { Root } from './Root';

registerRoot(Root);
