using System.IO.Compression;

namespace Wandb.Cli.Ui;

/// <summary>
/// One version of the page's data, rendered once and served to every browser: the JSON, and lazily its gzip
/// form and the whole page around it, so twenty watchers cost one rendering, not twenty.
/// </summary>
internal sealed class LiveSnapshot
{
    private readonly Lazy<byte[]> _gzipData;
    private readonly Lazy<byte[]> _page;
    private readonly Lazy<byte[]> _gzipPage;

    public LiveSnapshot(long version, byte[] data, IReadOnlyCollection<string> runningRunIds, int runs, Func<LiveSnapshot, byte[]> renderPage)
    {
        Version = version;
        Data = data;
        RunningRunIds = runningRunIds;
        Runs = runs;
        _gzipData = new Lazy<byte[]>(() => Gzip(Data));
        _page = new Lazy<byte[]>(() => renderPage(this));
        _gzipPage = new Lazy<byte[]>(() => Gzip(_page.Value));
    }

    /// <summary>Counts up from 1 with every rebuild; the page asks for data by it.</summary>
    public long Version { get; }

    /// <summary>The page's data block (docs/html-report.md, "Data contract") as UTF-8 JSON.</summary>
    public byte[] Data { get; }

    public byte[] GzipData => _gzipData.Value;

    /// <summary>The report page with this data inline, served at <c>/</c>.</summary>
    public byte[] Page => _page.Value;

    public byte[] GzipPage => _gzipPage.Value;

    /// <summary>Runs that were running: the ones whose files or rows the store probe watches closely.</summary>
    public IReadOnlyCollection<string> RunningRunIds { get; }

    public int Runs { get; }

    private static byte[] Gzip(byte[] content)
    {
        using var buffer = new MemoryStream(content.Length / 4);
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(content);
        }

        return buffer.ToArray();
    }
}
