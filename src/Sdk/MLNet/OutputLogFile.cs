using System.Globalization;
using System.Text;
using Wandb.Diagnostics;

namespace Wandb.MLNet;

/// <summary>
/// Appends lines to one writer's <c>output.log</c> in a run folder. A failure to write turns into one warning
/// (<c>WANDB020</c>) and the log stops; training goes on.
/// </summary>
internal sealed class OutputLogFile : IDisposable
{
    private readonly object _gate = new();
    private readonly IWandbOutput _output;
    private StreamWriter? _writer;
    private bool _failed;

    public OutputLogFile(string path, IWandbOutput output)
    {
        Path = path;
        _output = output;
    }

    public string Path { get; }

    public int LinesWritten { get; private set; }

    public void Append(DateTimeOffset time, string header, string message)
    {
        var text = new StringBuilder();
        text.Append(time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)).Append(' ').Append(header);
        var lines = message.Replace("\r\n", "\n").TrimEnd('\n').Split('\n');
        text.Append(' ').Append(lines[0]).Append('\n');
        for (var i = 1; i < lines.Length; i++)
        {
            // Continuation lines are indented so every entry starts with a timestamp.
            text.Append("    ").Append(lines[i]).Append('\n');
        }

        lock (_gate)
        {
            if (_failed)
            {
                return;
            }

            try
            {
                _writer ??= new StreamWriter(new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete), new UTF8Encoding(false)) { AutoFlush = true };
                _writer.Write(text.ToString());
                LinesWritten++;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                _failed = true;
                _output.Warning(WarningCodes.OutputLogNotWritable, $"Cannot write the ML.NET output log {Path} ({ex.Message}); further messages are not copied. Training and metrics are unaffected.");
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            try
            {
                _writer?.Dispose();
            }
            catch (IOException)
            {
                // Every line was flushed when written; a failing close loses nothing.
            }

            _writer = null;
        }
    }
}
