namespace Wandb.TestLogger;

/// <summary>Placeholder until the test logger lands; keeps the assembly buildable and packable.</summary>
internal static class AssemblyMarker
{
}
