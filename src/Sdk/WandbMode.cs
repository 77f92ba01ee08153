namespace Wandb;

/// <summary>Whether runs are recorded (<c>WANDB_MODE</c>).</summary>
public enum WandbMode
{
    /// <summary>Runs are written to the local (or shared) store. The default.</summary>
    Offline,

    /// <summary>Every call is a cheap no-op and nothing is written.</summary>
    Disabled,
}
