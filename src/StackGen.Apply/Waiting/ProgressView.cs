namespace StackGen.Apply.Waiting;

/// <summary>
/// Shows wait progress, one line per object. On a terminal the lines are redrawn in place; elsewhere (a
/// pipe, a CI log) a line is printed only when an object's progress changes, so logs stay short and greppable.
/// </summary>
public sealed class ProgressView(TextWriter output, bool live)
{
    private readonly Dictionary<string, string> _shown = new(StringComparer.Ordinal);
    private int _drawn;

    public void Update(IReadOnlyList<(string Name, HealthStatus Status)> objects)
    {
        if (live)
        {
            if (_drawn > 0)
            {
                output.Write($"\u001b[{_drawn}A");
            }

            foreach (var (name, status) in objects)
            {
                output.Write($"\u001b[2K{Line(name, status)}\n");
            }

            _drawn = objects.Count;
            output.Flush();
            return;
        }

        foreach (var (name, status) in objects)
        {
            var line = Line(name, status);
            if (!_shown.TryGetValue(name, out var previous) || previous != line)
            {
                _shown[name] = line;
                output.WriteLine(line);
            }
        }
    }

    public static string Line(string name, HealthStatus status) => status.State switch
    {
        HealthState.Ready => $"{name}: ready ({status.Progress})",
        HealthState.Failed => $"{name}: failed: {status.Reason ?? status.Progress}",
        _ => $"{name}: {status.Progress}",
    };
}
