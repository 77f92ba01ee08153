using Wandb.TestSupport;

namespace Wandb.Benchmarks.Logging;

/// <summary>The real file system with every history batch flush delayed, to model a disk slower than the logger.</summary>
internal sealed class SlowFileSystem : PassThroughFileSystem
{
    private readonly TimeSpan _delayPerWrite;

    public SlowFileSystem(TimeSpan delayPerWrite) => _delayPerWrite = delayPerWrite;

    public override Stream OpenAppend(string path) => new SlowStream(Inner.OpenAppend(path), _delayPerWrite);

    public override void FlushToDisk(Stream stream) => stream.Flush();

    private sealed class SlowStream : WriteStreamWrapper
    {
        private readonly TimeSpan _delay;

        public SlowStream(Stream inner, TimeSpan delay)
            : base(inner) => _delay = delay;

        // One flush per written batch: the delay models a slow device per batch, not per buffer chunk.
        public override void Flush()
        {
            Thread.Sleep(_delay);
            Inner.Flush();
        }
    }
}
