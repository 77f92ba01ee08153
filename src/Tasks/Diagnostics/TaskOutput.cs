using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Wandb.Diagnostics;

namespace Wandb.Build.Tasks.Diagnostics;

/// <summary>
/// Routes the SDK's warnings to the build log. A run outlives the task that started it (its writer thread
/// keeps going while the target runs), but a task's logger may only be used while that task executes; so
/// the output is attached to the executing task and messages that arrive in between wait for the next one.
/// </summary>
internal sealed class TaskOutput : IWandbOutput
{
    /// <summary>Messages kept while no task is attached; a store that fails all along repeats itself.</summary>
    private const int MaxWaiting = 50;

    private readonly object _gate = new();
    private readonly Queue<(string? Code, string Message)> _waiting = new();
    private TaskLoggingHelper? _log;
    private bool _strict;

    /// <summary>Sends messages to <paramref name="log"/> until <see cref="Detach"/>, starting with those that waited.</summary>
    public void Attach(TaskLoggingHelper log, bool strict)
    {
        lock (_gate)
        {
            _log = log;
            _strict = strict;
            while (_waiting.Count > 0)
            {
                var (code, message) = _waiting.Dequeue();
                Emit(code, message);
            }
        }
    }

    public void Detach()
    {
        lock (_gate)
        {
            _log = null;
        }
    }

    public void Warning(string code, string message) => Enqueue(code, message);

    public void Info(string message) => Enqueue(null, message);

    private void Enqueue(string? code, string message)
    {
        lock (_gate)
        {
            if (_log is not null)
            {
                Emit(code, message);
            }
            else if (_waiting.Count < MaxWaiting)
            {
                _waiting.Enqueue((code, message));
            }
        }
    }

    private void Emit(string? code, string message)
    {
        if (code is null)
        {
            _log!.LogMessage(MessageImportance.Normal, "wandb: " + message);
        }
        else
        {
            BuildLog.Problem(_log!, _strict, code, message);
        }
    }
}
