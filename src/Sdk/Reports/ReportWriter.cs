using Newtonsoft.Json.Linq;
using Wandb.Storage;

namespace Wandb.Reports;

/// <summary>
/// Writes the grouped reports of a store: runs.json (machines), summary.md (CI job summaries) and
/// index.html (people), and returns a short console summary. Placeholder until the grouping engine lands:
/// it already writes the runs of runs.json in the documented shape.
/// </summary>
public static class ReportWriter
{
    /// <summary>Reads the store once and writes every report selected in <paramref name="options"/>.</summary>
    public static ReportResult WriteAll(RunStore store, ReportOptions? options = null)
    {
        options ??= new ReportOptions();
        var directory = options.OutputDirectory ?? Path.Combine(store.Location, "report");
        Directory.CreateDirectory(directory);
        var runs = store.ListRuns(new RunFilter { Project = options.Project }).ToList();
        string? jsonPath = null;
        if (options.Json)
        {
            jsonPath = Path.Combine(directory, "runs.json");
            var document = new JObject
            {
                ["schema"] = 1,
                ["generated_at"] = DateTimeOffset.UtcNow.ToString("O"),
                ["runs"] = new JArray(runs.Select(r => new JObject
                {
                    ["id"] = r.Id,
                    ["name"] = r.Name,
                    ["project"] = r.Project,
                    ["group"] = r.Group,
                    ["job_type"] = r.JobType,
                    ["state"] = r.State.ToName(),
                    ["exit_code"] = r.ExitCode,
                    ["created_at"] = r.CreatedAt.ToString("O"),
                    ["finished_at"] = r.FinishedAt?.ToString("O"),
                    ["tags"] = new JArray(r.Tags),
                    ["notes"] = r.Notes,
                    ["config"] = JObject.FromObject(r.Config),
                    ["summary"] = JObject.FromObject(r.Summary),
                })),
                ["groups"] = new JArray(),
            };
            File.WriteAllText(jsonPath, document.ToString());
        }

        string? htmlPath = null;
        if (options.Html)
        {
            htmlPath = Path.Combine(directory, "index.html");
            Html.HtmlReportWriter.Write(store, runs, htmlPath);
        }

        return new ReportResult
        {
            Directory = directory,
            JsonPath = jsonPath,
            HtmlPath = htmlPath,
            ConsoleLines = new[] { $"wandb: {runs.Count} run(s); reports in {directory}" },
        };
    }
}
