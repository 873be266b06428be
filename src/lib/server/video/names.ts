// Output names: a hash of the props and the composition version, so identical inputs never render twice.
import type { VideoProps } from '../../schemas/video';
import { contentName } from './version';

export function outputName(props: VideoProps, root?: string): string {
	return contentName({ kind: 'video', props }, root);
}
