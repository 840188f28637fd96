using StackGen.Charts;
using StackGen.Diagnostics;
using StackGen.Tests.Support;

namespace StackGen.Tests.Charts;

public sealed class TamperTests : IDisposable
{
    private const string Chart = "vendor/charts/queue/1.0.0";
    private readonly ScratchRepository _repository = new();

    public TamperTests()
    {
        Assert.Equal(0, CliRun.In(_repository.Root, "vendor", ChartFixtures.Queue).ExitCode);
    }

    private string PathOf(string relative) => Path.Combine(_repository.Root, Chart, relative);

    [Fact]
    public void An_untouched_vendored_chart_is_found()
    {
        var chart = VendoredCharts.Find(_repository.Root, "queue");

        Assert.Equal((Chart, "1.0.0"), (chart.Shown, chart.Version));
    }

    [Fact]
    public void An_edited_file_is_an_error_naming_it()
    {
        File.AppendAllText(PathOf("templates/service.yaml"), "# edited\n");

        var error = Assert.Single(Assert.Throws<InputException>(() => VendoredCharts.Find(_repository.Root, "queue")).Errors);

        Assert.Equal($"{Chart}/templates/service.yaml", error.Location.Text);
        Assert.StartsWith("changed since queue 1.0.0 was vendored: its sha256 does not match vendor/vendor.lock; re-vendor (stackgen vendor ", error.Message);
        Assert.EndsWith(") or revert it", error.Message);
    }

    [Fact]
    public void An_added_and_a_removed_file_are_each_named()
    {
        File.WriteAllText(PathOf("templates/extra.yaml"), "kind: ConfigMap\n");
        File.Delete(PathOf("charts/naming/templates/_names.tpl"));

        var errors = Assert.Throws<InputException>(() => VendoredCharts.Find(_repository.Root, "queue")).Errors;

        Assert.Equal(
            [
                $"{Chart}/charts/naming/templates/_names.tpl: error: removed since queue 1.0.0 was vendored: the chart does not match vendor/vendor.lock, which lists it",
                $"{Chart}/templates/extra.yaml: error: added since queue 1.0.0 was vendored: the file does not match vendor/vendor.lock, which does not list it",
            ],
            errors.Select(e => e.ToString().Split("; re-vendor")[0]));
    }

    [Fact]
    public void Verify_exits_2_with_one_line_per_file_and_re_vendoring_restores_the_chart()
    {
        File.AppendAllText(PathOf("values.yaml"), "replicaCount: 9\n");

        var refused = CliRun.In(_repository.Root, "vendor", "--verify");
        BadInput.AssertOneErrorMatching(refused, $"^{Chart}/values.yaml: error: changed since queue 1.0.0 was vendored: its sha256 does not match vendor/vendor.lock; re-vendor .* or revert it$");

        var restored = CliRun.In(_repository.Root, "vendor", ChartFixtures.Queue);
        Assert.Equal($"restored {Chart}: its files match vendor/vendor.lock again\n", restored.Out);
        Assert.Equal(0, CliRun.In(_repository.Root, "vendor", "--verify").ExitCode);
    }

    [Fact]
    public void A_chart_that_is_not_vendored_gets_a_did_you_mean()
    {
        var error = Assert.Single(Assert.Throws<InputException>(() => VendoredCharts.Find(_repository.Root, "queu", SourceLocation.InFile("stacks/x.cs", 3, 9))).Errors);

        Assert.Equal("stacks/x.cs:3:9: error: chart 'queu' is not vendored; did you mean 'queue'? (vendored: queue 1.0.0); vendor it with stackgen vendor CHART_DIR|CHART.tgz", error.ToString());
    }

    [Fact]
    public void A_hand_edited_lock_is_an_error_at_its_line()
    {
        var lockFile = Path.Combine(_repository.Root, "vendor", "vendor.lock");
        var text = File.ReadAllLines(lockFile);
        var line = Array.FindIndex(text, l => l.TrimStart().StartsWith("values.yaml: ", StringComparison.Ordinal));
        text[line] = "      values.yaml: " + new string('0', 64);
        File.WriteAllLines(lockFile, text);

        var error = Assert.Single(Assert.Throws<InputException>(() => VendoredCharts.Find(_repository.Root, "queue")).Errors);

        Assert.Matches(@"^vendor/vendor.lock:\d+:\d+: error: charts.queue: the files listed do not add up to sha256 \(the lock was edited by hand\)", error.ToString());
    }

    public void Dispose() => _repository.Dispose();
}
