using System.Globalization;
using System.Net;
using System.Text;
using Wandb.Reports.Html;
using Wandb.Storage;

namespace Wandb.Cli.Ui;

/// <summary>
/// The report page as the live server sends it: the same template, script and style as index.html, the
/// snapshot's data inline, its version in the <c>wandb-live</c> mark that turns on the page's live module,
/// and a Content-Security-Policy that allows requests to this server only.
/// </summary>
internal sealed class LivePage
{
    private readonly PageAssets _assets = PageAssets.Instance;
    private readonly PageTemplate _template;

    public LivePage()
    {
        _template = PageTemplate.Parse(_assets.Template);
        ContentSecurityPolicy = Reports.Html.ContentSecurityPolicy.ForLiveServer(_assets.Script, _assets.Style);
    }

    /// <summary>Sent as a header too, so the policy holds even before the browser reads the meta tag.</summary>
    public string ContentSecurityPolicy { get; }

    public byte[] Render(LiveSnapshot snapshot, string title)
    {
        using var buffer = new MemoryStream(snapshot.Data.Length + _assets.Script.Length + _assets.Style.Length + 4096);
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(false), TextBuffers.Chars, leaveOpen: true))
        {
            _template.Write(writer, slot =>
            {
                switch (slot)
                {
                    case "csp": writer.Write(WebUtility.HtmlEncode(ContentSecurityPolicy)); break;
                    case "title": writer.Write(WebUtility.HtmlEncode(title)); break;
                    case "style": writer.Write(_assets.Style); break;
                    case "script": writer.Write(_assets.Script); break;
                    case "live": writer.Write(snapshot.Version.ToString(CultureInfo.InvariantCulture)); break;
                    case "data":
                        // The data was written with HTML escaping inside its strings, so it cannot close its element.
                        writer.Flush();
                        buffer.Write(snapshot.Data);
                        break;
                    default: throw new InvalidOperationException($"Unknown slot '{slot}' in the report template.");
                }
            });
        }

        return buffer.ToArray();
    }
}
