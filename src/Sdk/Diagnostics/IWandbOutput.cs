namespace Wandb.Diagnostics;

/// <summary>Where the SDK reports warnings and progress; the console by default, a fake in tests.</summary>
internal interface IWandbOutput
{
    /// <summary>Reports a warning with its <paramref name="code"/> (see <see cref="WarningCodes"/>).</summary>
    void Warning(string code, string message);

    /// <summary>Reports an informational line.</summary>
    void Info(string message);
}
