namespace Wandb.Reports;

/// <summary>What <see cref="ReportWriter.WriteAll(Storage.RunStore, ReportOptions?)"/> writes and where.</summary>
public sealed class ReportOptions
{
    /// <summary>Folder for runs.json, summary.md and index.html; default <c>&lt;store&gt;/report</c>.</summary>
    public string? OutputDirectory { get; set; }

    /// <summary>Only runs of this project; default all projects.</summary>
    public string? Project { get; set; }

    /// <summary>Groups to highlight in the console summary (for example the group of the build that just ran); default all.</summary>
    public IList<string> FocusGroups { get; set; } = new List<string>();

    /// <summary>Write runs.json.</summary>
    public bool Json { get; set; } = true;

    /// <summary>Write summary.md.</summary>
    public bool Markdown { get; set; } = true;

    /// <summary>Write index.html.</summary>
    public bool Html { get; set; } = true;
}
