/**
 * The configured latency of OCR calls: waits that end early when the client goes away, and all
 * end at once when the server closes, so a closing server leaves no timer behind.
 */
import type { ServerResponse } from 'http';

export class Delays {
	private readonly waits = new Map<NodeJS.Timeout, () => void>();

	/** Resolves true after `ms`, false when the client went away or the server closed first. */
	wait(ms: number, res: ServerResponse): Promise<boolean> {
		return new Promise((resolve) => {
			const onClose = () => {
				clearTimeout(timer);
				this.waits.delete(timer);
				resolve(false);
			};
			const timer = setTimeout(() => {
				this.waits.delete(timer);
				res.off('close', onClose);
				resolve(!res.destroyed);
			}, ms);
			this.waits.set(timer, () => {
				res.off('close', onClose);
				resolve(false);
			});
			res.once('close', onClose);
		});
	}

	cancelAll(): void {
		for (const [timer, cancel] of this.waits) {
			clearTimeout(timer);
			cancel();
		}
		this.waits.clear();
	}
}
