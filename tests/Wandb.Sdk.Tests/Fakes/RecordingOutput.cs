using System.Collections.Concurrent;
using Wandb.Diagnostics;

namespace Wandb.Sdk.Tests.Fakes;

/// <summary>Collects warnings and information instead of printing them.</summary>
internal sealed class RecordingOutput : IWandbOutput
{
    public ConcurrentQueue<(string Code, string Message)> Warnings { get; } = new();

    public ConcurrentQueue<string> Infos { get; } = new();

    public IEnumerable<string> Codes => Warnings.Select(w => w.Code);

    public void Warning(string code, string message) => Warnings.Enqueue((code, message));

    public void Info(string message) => Infos.Enqueue(message);
}
