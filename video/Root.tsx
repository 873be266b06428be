// The compositions Remotion knows: one, the debtor's personal video.
import { Composition, type CalculateMetadataFunction } from 'remotion';
import { parseVideoProps, videoProps, type VideoProps } from '../src/lib/schemas/video';
import { DebtorVideo } from './compositions/DebtorVideo/DebtorVideo';
import { COMPOSITION_ID, durationInFrames, FPS, HEIGHT, WIDTH } from './script';

const sample: VideoProps = {
	variant: 'full',
	locale: 'nl',
	tone: 'friendly',
	brand: { name: 'De Groene Fiets', color: '#1d6b4f', accent: '#f2b134', logo: null },
	options: { payNow: true, instalments: true, moreTimeDays: 30 },
	debtor: { name: 'Sanne', total: { amountCents: 2495, currency: 'EUR' }, invoices: 1, since: '2026-10-15', fromMonthly: null }
};

// Remotion does not enforce the schema: parse here, so a bad prop fails before the first frame.
const calculateMetadata: CalculateMetadataFunction<VideoProps> = ({ props }) => {
	const parsed = parseVideoProps(props);
	return { durationInFrames: durationInFrames(parsed.variant), props: parsed };
};

export const Root = () => (
	<Composition
		id={COMPOSITION_ID}
		component={DebtorVideo}
		schema={videoProps}
		defaultProps={sample}
		calculateMetadata={calculateMetadata}
		durationInFrames={durationInFrames('full')}
		fps={FPS}
		width={WIDTH}
		height={HEIGHT}
	/>
);
