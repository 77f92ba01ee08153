using System.Net;
using System.Text;
using Newtonsoft.Json;
using Wandb.Storage;

namespace Wandb.Reports.Html;

/// <summary>
/// Writes the self-contained interactive HTML report: one <c>index.html</c> with inline script, style and
/// data that opens from disk with no network (docs/html-report.md).
/// </summary>
internal static class HtmlReportWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static void Write(RunStore store, IReadOnlyList<StoredRun> runs, string path) =>
        Write(store, runs, path, new HtmlReportOptions());

    public static void Write(RunStore store, IReadOnlyList<StoredRun> runs, string path, HtmlReportOptions options)
    {
        var assets = PageAssets.Instance;
        var page = PageTemplate.Parse(assets.Template);

        // Written next to the target and moved into place, so a browser never opens half a report.
        var temporary = path + ".tmp-" + Guid.NewGuid().ToString("N").Substring(0, 8);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            using (var writer = new StreamWriter(stream, Utf8))
            {
                page.Write(writer, slot =>
                {
                    switch (slot)
                    {
                        case "csp": writer.Write(WebUtility.HtmlEncode(ContentSecurityPolicy.For(assets.Script, assets.Style))); break;
                        case "title": writer.Write(WebUtility.HtmlEncode(options.Title)); break;
                        case "style": writer.Write(assets.Style); break;
                        case "script": writer.Write(assets.Script); break;
                        case "data": WriteData(writer, store, runs, options); break;
                        default: throw new InvalidOperationException($"Unknown slot '{slot}' in the report template.");
                    }
                });
            }

            if (File.Exists(path))
            {
                File.Replace(temporary, path, destinationBackupFileName: null);
            }
            else
            {
                File.Move(temporary, path);
            }
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    private static void WriteData(TextWriter writer, RunStore store, IReadOnlyList<StoredRun> runs, HtmlReportOptions options)
    {
        // EscapeHtml writes <, > and & (and quotes) inside strings as \u escapes, so no user string can close
        // the data's script element or start markup; outside strings JSON has none of these characters.
        using var json = new JsonTextWriter(writer)
        {
            StringEscapeHandling = StringEscapeHandling.EscapeHtml,
            FloatFormatHandling = FloatFormatHandling.String,
            Formatting = Formatting.None,
            CloseOutput = false,
        };
        ReportDataWriter.Write(json, store, runs, options, options.GeneratedAt ?? DateTimeOffset.UtcNow);
        json.Flush();
    }
}
