using System.Reflection;
using System.Text;

namespace Wandb.Reports.Html;

/// <summary>
/// The page's template, style and script, embedded into Wandb.Sdk.dll at build time (see the
/// <c>_WandbReportPage</c> target in Wandb.Sdk.csproj): the page's modules bundled with uPlot by esbuild,
/// uPlot's stylesheet and the page's own.
/// </summary>
internal sealed class PageAssets
{
    private const string Prefix = "Wandb.Reports.Html.";

    private static readonly Lazy<PageAssets> Loaded = new(Load);

    private PageAssets(string template, string style, string script)
    {
        Template = template;
        Style = style;
        Script = script;
    }

    public static PageAssets Instance => Loaded.Value;

    /// <summary>The HTML skeleton with <c>{{csp}}</c>, <c>{{title}}</c>, <c>{{style}}</c>, <c>{{data}}</c> and <c>{{script}}</c> slots.</summary>
    public string Template { get; }

    /// <summary>uPlot's stylesheet followed by the page's.</summary>
    public string Style { get; }

    /// <summary>uPlot's license, then the bundle: one strict-mode function that keeps every name out of the global object.</summary>
    public string Script { get; }

    private static PageAssets Load()
    {
        var assembly = typeof(PageAssets).Assembly;
        var license = "/*! uPlot, MIT license:\n" + Read(assembly, Prefix + "uPlot.LICENSE").Replace("*/", "* /") + "*/\n";
        var script = license + Read(assembly, Prefix + "page.js");
        var style = Read(assembly, Prefix + "uPlot.min.css") + "\n" + Read(assembly, Prefix + "app.css");

        // Neither may close its inline element.
        foreach (var text in new[] { script, style })
        {
            if (text.IndexOf("</script", StringComparison.OrdinalIgnoreCase) >= 0 || text.IndexOf("</style", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                throw new InvalidOperationException("An embedded page asset contains a closing script or style tag.");
            }
        }

        return new PageAssets(Read(assembly, Prefix + "template.html"), style, script);
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded page asset '{name}' is missing from Wandb.Sdk.dll; rebuild with Node.js installed (npm ci).");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
