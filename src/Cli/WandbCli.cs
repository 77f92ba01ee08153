using System.CommandLine;
using System.CommandLine.Help;
using Wandb.Cli.Commands;

namespace Wandb.Cli;

/// <summary>
/// The <c>dotnet wandb</c> command line: System.CommandLine parses it, each command is a thin caller of an
/// engine in Wandb.Sdk, and every failure ends as one line on standard error with a documented exit code.
/// </summary>
internal static class WandbCli
{
    /// <summary>How users call the tool, in messages.</summary>
    public const string DisplayName = "dotnet wandb";

    /// <summary>The tool's command (ToolCommandName): `dotnet wandb` runs it, and a global tool is also on the PATH under this name.</summary>
    public const string ToolCommandName = "dotnet-wandb";

    public static Command CreateRoot(CliContext context)
    {
        // Named after the tool command (dotnet-wandb, which `dotnet wandb` runs), not after the assembly.
        var root = new Command(ToolCommandName, "Wandb for .NET: grouped reports, run listings, merging, W&B export and import, the quality gate and its baselines, and a live web UI over a run store (a folder or a PostgreSQL database). Exit codes: 0 done, 1 failed, 2 bad command line, 3 done with warnings about what was left out, 4 the quality gate failed (docs/cli.md).")
        {
            new HelpOption(),
            new VersionOption(),
            ReportCommand.Create(context),
            ListCommand.Create(context),
            UiCommand.Create(context),
            MergeCommand.Create(context),
            ExportCommand.Create(context),
            ImportCommand.Create(context),
            BaselineCommand.Create(context),
            GateCommand.Create(context),
            PruneCommand.Create(context),
        };
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellation = default)
    {
        var parse = CreateRoot(context).Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is not HelpAction)
        {
            var command = string.Join(' ', new[] { DisplayName }.Concat(CommandPath(parse)));
            // "Unrecognized command or argument 'x'" says more than the "Required command was not provided" it causes.
            var error = parse.Errors.FirstOrDefault(e => parse.UnmatchedTokens.Any(t => e.Message.Contains($"'{t}'", StringComparison.Ordinal))) ?? parse.Errors[0];
            WriteError(context, $"{error.Message} Run '{command} --help' for usage.");
            return ExitCodes.Usage;
        }

        try
        {
            return await parse.InvokeAsync(
                new InvocationConfiguration { Output = context.Output, Error = context.Error, EnableDefaultExceptionHandler = false },
                cancellation);
        }
        catch (CommandFailure failure)
        {
            WriteError(context, failure.Message);
            return failure.ExitCode;
        }
        catch (ArgumentException ex)
        {
            WriteError(context, MessageOf(ex));
            return ExitCodes.Usage;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or NotSupportedException)
        {
            WriteError(context, ex.Message);
            return ExitCodes.Failed;
        }
    }

    /// <summary>An engine's message without the " (Parameter 'x')" that .NET appends: the message already names the setting.</summary>
    public static string MessageOf(ArgumentException ex)
    {
        var suffix = ex.ParamName is null ? null : $" (Parameter '{ex.ParamName}')";
        return suffix is not null && ex.Message.EndsWith(suffix, StringComparison.Ordinal) ? ex.Message.Substring(0, ex.Message.Length - suffix.Length) : ex.Message;
    }

    public static void WriteError(CliContext context, string message) =>
        context.Error.WriteLine($"{DisplayName}: error: {OneLine(message)}");

    /// <summary>Engine messages are single sentences, but a driver's may span lines: an error stays one line.</summary>
    private static string OneLine(string message) =>
        string.Join(' ', message.Split(new[] { '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));

    private static IEnumerable<string> CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result.Parent is System.CommandLine.Parsing.CommandResult parent; result = parent)
        {
            names.Insert(0, result.Command.Name);
        }

        return names;
    }
}
