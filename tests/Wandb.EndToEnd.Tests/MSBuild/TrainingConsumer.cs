using System.Text.Json.Nodes;
using Wandb.EndToEnd.Tests.Infrastructure;

namespace Wandb.EndToEnd.Tests.MSBuild;

/// <summary>Consumer projects with Train / CrossValidate targets, as the example writes them.</summary>
internal static class TrainingConsumer
{
    /// <summary>A program that attaches with Run.Init() and logs two rows, printing what it attached to.</summary>
    public const string Program = """
        using Wandb;
        using var run = Run.Init();
        Console.WriteLine($"PROGRAM {args[0]} run={run.Id} group={run.Group} job={run.JobType} attached={run.IsAttached}");
        run.Log(new Dictionary<string, double> { ["loss"] = 0.5 });
        run.Log(new Dictionary<string, double> { ["loss"] = 0.25, ["accuracy"] = 0.9 });
        """;

    public const string Targets = """
        <Target Name="Train" DependsOnTargets="Build">
          <Exec Command="dotnet &quot;$(TargetPath)&quot; train" />
        </Target>
        <Target Name="CrossValidate" DependsOnTargets="Build">
          <Exec Command="dotnet &quot;$(TargetPath)&quot; cv" />
        </Target>
        """;

    public static void Write(TestWorkspace workspace, string name, string extraProperties = "", string extraTargets = "")
    {
        workspace.WriteProject(name, extraProperties: extraProperties, body: Targets + extraTargets);
        workspace.WriteFile($"{name}/Program.cs", Program);
    }

    /// <summary>The runs of the store as (run.json, merged writer states).</summary>
    public static IReadOnlyList<(JsonObject Metadata, IReadOnlyList<JsonObject> States)> Runs(StoreFiles store) =>
        store.RunIds.Select(id => (store.Metadata(id), store.WriterStates(id))).ToList();

    public static JsonObject ReportRuns(StoreFiles store) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(store.Root, "report", "runs.json")))!.AsObject();
}
