using Wandb.Reports;
using Wandb.Storage;

namespace Wandb.Report.BrowserTests.Infrastructure;

/// <summary>A real folder store in a temp directory, written through <see cref="Run.Init(RunOptions?)"/>, and its HTML report.</summary>
public sealed class ReportStore : IDisposable
{
    private ReportStore(string directory) => Directory = directory;

    public string Directory { get; }

    public string ReportPath => Path.Combine(Directory, "report", "index.html");

    public static ReportStore Create(string name)
    {
        var directory = Path.Combine(Path.GetTempPath(), "wandb-browser-tests", name + "-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        System.IO.Directory.CreateDirectory(directory);
        return new ReportStore(directory);
    }

    /// <summary>Creates one finished (or failed) run that logs <see cref="RunSpec.Steps"/> rows of each of its metrics; returns its id.</summary>
    public string AddRun(RunSpec spec)
    {
        var options = new RunOptions
        {
            Dir = Directory,
            Project = spec.Project,
            Name = spec.Name,
            Group = spec.Group,
            JobType = spec.JobType,
            Notes = spec.Notes,
        };
        foreach (var tag in spec.Tags)
        {
            options.Tags.Add(tag);
        }

        foreach (var pair in spec.Config)
        {
            options.Config[pair.Key] = pair.Value;
        }

        using var run = Run.Init(options);
        for (var step = 0; step < spec.Steps; step++)
        {
            run.Log(spec.Metrics.ToDictionary(m => m.Key, m => m.Value(step)));
        }

        foreach (var pair in spec.Summary)
        {
            run.Summary[pair.Key] = pair.Value;
        }

        run.Finish(spec.Failed ? 1 : 0);
        return run.Id;
    }

    /// <summary>
    /// Renames JSON keys and values in every file of the store's runs, as a tool writing the documented store
    /// format could: the SDK rejects config and metric keys starting with '_', the format does not.
    /// </summary>
    public void RenameInRunFiles(IReadOnlyDictionary<string, string> renames)
    {
        foreach (var file in System.IO.Directory.EnumerateFiles(Path.Combine(Directory, "runs"), "*", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            var renamed = renames.Aggregate(text, (current, pair) => current.Replace("\"" + pair.Key + "\"", "\"" + pair.Value + "\"", StringComparison.Ordinal));
            if (renamed != text)
            {
                File.WriteAllText(file, renamed);
            }
        }
    }

    /// <summary>Writes the reports through the public API, as a build or test run would; default options unless given.</summary>
    public string WriteReport(ReportOptions? options = null)
    {
        var result = ReportWriter.WriteAll(RunStore.Open(Directory), options ?? new ReportOptions());
        return result.HtmlPath ?? throw new InvalidOperationException("The HTML report was not written.");
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A browser still closing may hold the report for a moment; the temp folder is cleaned later.
        }
    }
}
