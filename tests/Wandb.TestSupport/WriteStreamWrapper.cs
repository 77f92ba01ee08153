namespace Wandb.TestSupport;

/// <summary>
/// A write-only stream over a real file stream, for fakes that change how writes or flushes behave (a slow
/// device, a full disk) and pass everything else through. Disposing it disposes the inner stream.
/// </summary>
internal abstract class WriteStreamWrapper : Stream
{
    protected WriteStreamWrapper(Stream inner) => Inner = inner;

    protected Stream Inner { get; }

    public override bool CanRead => false;

    public override bool CanSeek => Inner.CanSeek;

    public override bool CanWrite => true;

    public override long Length => Inner.Length;

    public override long Position { get => Inner.Position; set => Inner.Position = value; }

    public override void Write(byte[] buffer, int offset, int count) => Inner.Write(buffer, offset, count);

    public override void Flush() => Inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => Inner.Seek(offset, origin);

    public override void SetLength(long value) => Inner.SetLength(value);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
