const MB = 1024 * 1024;
const POOLED_MIN = MB;
const POOL_BYTES = 160 * MB;

/**
 * Big request buffers for reuse. A fresh 9 MB buffer costs page faults on every first touch and
 * GC work afterwards; under load the same few buffers serve all requests. Holds at most
 * POOL_BYTES, so memory after a burst stays bounded.
 */
export class BufferPool {
	private free: Buffer[] = [];
	private bytes = 0;

	take(size: number): Buffer {
		let best = -1;
		for (let i = 0; i < this.free.length; i++) {
			if (this.free[i].length >= size && (best === -1 || this.free[i].length < this.free[best].length)) best = i;
		}
		if (best === -1) return Buffer.allocUnsafe(size < POOLED_MIN ? size : Math.ceil(size / MB) * MB);
		const [buffer] = this.free.splice(best, 1);
		this.bytes -= buffer.length;
		return buffer;
	}

	give(buffer: Buffer | undefined): void {
		if (!buffer || buffer.length < POOLED_MIN || this.bytes + buffer.length > POOL_BYTES) return;
		this.free.push(buffer);
		this.bytes += buffer.length;
	}

	clear(): void {
		this.free = [];
		this.bytes = 0;
	}
}
