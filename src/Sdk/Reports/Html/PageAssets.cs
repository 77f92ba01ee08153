using System.Reflection;
using System.Text;

namespace Wandb.Reports.Html;

/// <summary>
/// The page's template, style and script, embedded into Wandb.Sdk.dll at build time (see the
/// <c>_WandbReportWeb</c> target in Wandb.Sdk.csproj): uPlot from npm, then the page's own sources in file order.
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

    /// <summary>uPlot (IIFE build, defines <c>uPlot</c>) followed by the page sources, in one strict-mode scope.</summary>
    public string Script { get; }

    private static PageAssets Load()
    {
        var assembly = typeof(PageAssets).Assembly;
        var names = assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).ToList();
        var sources = names.Where(n => n.StartsWith(Prefix + "src.", StringComparison.Ordinal) && n.EndsWith(".js", StringComparison.Ordinal))
            .OrderBy(n => n, StringComparer.Ordinal)
            .Select(n => Read(assembly, n));

        // The page sources share one function scope so their helpers stay out of the global object, and
        // none of them may close the inline script element.
        var page = "(function () {\n" + string.Join("\n", sources) + "\n})();";
        var license = "/*! uPlot, MIT license:\n" + Read(assembly, Prefix + "uPlot.LICENSE").Replace("*/", "* /") + "*/\n";
        var script = license + Read(assembly, Prefix + "uPlot.iife.min.js") + "\n" + page;
        var style = Read(assembly, Prefix + "uPlot.min.css") + "\n" + Read(assembly, Prefix + "src.app.css");
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
