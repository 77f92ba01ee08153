using System.CommandLine;
using Wandb.Cli.Stores;
using Wandb.Cli.Terminal;
using Wandb.Diagnostics;
using Wandb.Gates;
using Wandb.Settings;
using Wandb.Storage;

namespace Wandb.Cli.Commands;

/// <summary>
/// <c>dotnet wandb gate</c>: the quality gate of the <c>WandbGate</c> items, run on a group of the store without a
/// build, with the SDK's engine (<see cref="QualityGate"/>): one line per verdict, the message text of the
/// build's errors, and <see cref="ExitCodes.GateFailed"/> when a verdict fails and <c>--warn</c> is not given.
/// </summary>
internal static class GateCommand
{
    private const string GroupOption = "--group";
    private const string BaselineOption = "--baseline";

    public static Command Create(CliContext context)
    {
        var rules = GateRuleOption.Create();
        var store = StoreOption.Create();
        var project = new Option<string?>(ProjectChoice.OptionName) { Description = "The project whose group is gated. Default: WANDB_PROJECT, else the store's only project.", HelpName = "name" };
        var group = new Option<string?>(GroupOption) { Description = "The group to gate. Default: the project's latest group (the one whose last run started last).", HelpName = "name" };
        var baseline = new Option<string?>(BaselineOption) { Description = "What the group is compared with: auto, a group name, or a baseline file (a path ending in .json, relative to the current folder). Default: WANDB_BASELINE, else auto.", HelpName = "auto|group|file" };
        var baselineBranch = new Option<string?>("--baseline-branch") { Description = "The branch auto takes its baseline from when the group's runs record one (WandbBaselineBranch). Default: main or master.", HelpName = "branch" };
        var warn = new Option<bool>("--warn") { Description = "Report failing verdicts as warnings and exit 0 (WandbGateMode=warn)." };

        var command = new Command("gate", $"Evaluate quality-gate rules on a group against its baseline by Welch's t-test, as builds do after their tracked targets (docs/quality-gate.md). Exit code {ExitCodes.GateFailed} when a verdict is regressed, below_min or above_max.")
        {
            rules, store, project, group, baseline, baselineBranch, warn,
        };
        command.SetAction(parse =>
        {
            var console = new CliOutput(context);
            var runStore = StoreSelection.Open(parse.GetValue(store), context, console, mustExist: true);
            var projectName = ProjectChoice.Resolve(parse.GetValue(project), context, runStore);
            var request = new GateRequest
            {
                Project = projectName,
                Group = ChooseGroup(NonEmpty(parse.GetValue(group)), runStore, projectName),
                Rules = parse.GetValue(rules)!,
                Baseline = NonEmpty(parse.GetValue(baseline)) ?? NonEmpty(context.Environment.Get(WandbVariables.Baseline)),
                BaselineBranch = NonEmpty(parse.GetValue(baselineBranch)),
                BaseDirectory = context.CurrentDirectory,
            };

            GateOutcome outcome;
            try
            {
                outcome = QualityGate.Evaluate(runStore, request);
            }
            catch (InvalidDataException ex)
            {
                throw CommandFailure.Failed($"{BaselineOption} '{request.Baseline}': {ex.Message} ({WarningCodes.BaselineFileInvalid})");
            }

            var failed = Report(context, outcome, parse.GetValue(warn));
            return failed == 0 || parse.GetValue(warn)
                ? ExitCodes.Success
                : throw new CommandFailure(ExitCodes.GateFailed, $"the quality gate of group {request.Group} failed: {failed} of {outcome.Results.Count} verdict(s) regressed, below_min or above_max.");
        });
        return command;
    }

    private static string ChooseGroup(string? named, RunStore store, string project)
    {
        var runs = store.ListRuns(new RunFilter { Project = project }).ToList();
        if (named is null)
        {
            return QualityGate.LatestGroup(runs)
                ?? throw CommandFailure.Failed($"The store {store.Location} has no grouped runs of project {project}, so there is no group to gate.");
        }

        return runs.Any(r => r.Group == named)
            ? named
            : throw CommandFailure.Failed($"{GroupOption} '{named}': the store {store.Location} has no runs of project {project} in that group.");
    }

    /// <summary>Prints the verdicts as the build logs them, and returns how many fail.</summary>
    private static int Report(CliContext context, GateOutcome outcome, bool warnOnly)
    {
        var output = context.Output;
        var found = outcome.Baseline.Baseline;
        output.WriteLine(found is null
            ? $"wandb gate: no baseline ({outcome.Baseline.Missing})"
            : $"wandb gate: compared with the {found.Describe()}");
        foreach (var result in outcome.Results)
        {
            var message = GateMessage.Format(result);
            output.WriteLine(result.Verdict switch
            {
                GateVerdict.Regressed => Line(warnOnly ? "warning" : "error", WarningCodes.GateRegressed, message),
                GateVerdict.BelowMin => Line(warnOnly ? "warning" : "error", WarningCodes.GateBelowMin, message),
                GateVerdict.AboveMax => Line(warnOnly ? "warning" : "error", WarningCodes.GateAboveMax, message),
                GateVerdict.NoBaseline => Line("warning", WarningCodes.GateNoBaseline, message),
                GateVerdict.InsufficientData => Line("warning", WarningCodes.GateInsufficientData, message),
                _ => "wandb gate: " + message,
            });
        }

        return outcome.Results.Count(r => r.Verdict.Fails());
    }

    private static string Line(string severity, string code, string message) => $"wandb: {severity} {code}: {message}";

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
}
