using System.CommandLine;
using StackGen.Charts;
using StackGen.Diagnostics;
using StackGen.Layering;

namespace StackGen.Cli;

/// <summary>`stackgen vendor`: brings a Helm chart into vendor/ at a pinned version, or checks what is vendored.</summary>
public static class VendorCommand
{
    public static Command Create(CliContext cli)
    {
        var source = new Argument<string?>("chart")
        {
            Description = "A chart directory, a packaged chart (.tgz), an oci:// reference, a chart name with --repo, or a YAML manifest (.yaml) with --version",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var version = new Option<string?>("--version") { Description = "The chart version: required to pull (oci://, --repo) and for a manifest, checked against Chart.yaml otherwise" };
        var name = new Option<string?>("--name") { Description = "A manifest's name (default: the file's name without .yaml); stacks include it with context.Manifest(NAME)" };
        var repository = new Option<string?>("--repo") { Description = "The chart repository URL to pull the named chart from (needs the network)" };
        var replace = new Option<bool>("--replace") { Description = "Take other files for a version already vendored (a republished chart); refused otherwise" };
        var verify = new Option<bool>("--verify") { Description = "Vendor nothing; check every vendored chart against vendor/vendor.lock (exit 2 naming each file that differs)" };
        var command = new Command(
            "vendor",
            "Vendor a Helm chart: copy it with its dependencies into vendor/charts/NAME/VERSION/ and record its files' sha256 in\n" +
            "vendor/vendor.lock. A YAML manifest (a release manifest, a CRD bundle) goes to vendor/manifests/NAME/VERSION/ the same way.\n" +
            "One version per chart: another version replaces the previous one; the same version again changes\n" +
            "nothing. Rendering never fetches: only this command may need the network (oci://, --repo).\n\n" +
            "Examples:\n" +
            "  stackgen vendor ../charts/rabbitmq\n" +
            "  stackgen vendor rabbitmq-16.0.16.tgz\n" +
            "  stackgen vendor oci://registry.example/charts/rabbitmq --version 16.0.16\n" +
            "  stackgen vendor ../upstream/cert-manager.crds.yaml --version v1.16.2 --name cert-manager-crds\n" +
            "  stackgen vendor --verify");
        command.Arguments.Add(source);
        command.Options.Add(version);
        command.Options.Add(repository);
        command.Options.Add(name);
        command.Options.Add(replace);
        command.Options.Add(verify);

        command.SetAction(cli, parsed =>
        {
            var root = RepositoryRoot.Find(cli.WorkingDirectory);
            var argument = parsed.GetValue(source);
            if (parsed.GetValue(verify))
            {
                if (argument is not null)
                {
                    throw new InputException(SourceLocation.Flag("--verify"), $"checks every vendored chart and takes no chart; drop '{argument}' or --verify");
                }

                var charts = VendoredCharts.VerifyAll(root);
                cli.Out.WriteLine(charts.Count == 0
                    ? $"no charts in {VendorLock.Shown}"
                    : $"{string.Join(", ", charts.Select(c => $"{c.Name} {c.Version}"))}: the files match {VendorLock.Shown}");
                return ExitCode.Success;
            }

            if (argument is null)
            {
                throw new InputException(SourceLocation.Flag("stackgen vendor"), "expected a chart: a directory, a .tgz, an oci:// reference, or a chart name with --repo (or --verify)");
            }

            var chart = ChartSource.Parse(argument, parsed.GetValue(repository), parsed.GetValue(version), cli.WorkingDirectory, root, parsed.GetValue(name));
            var result = ChartVendor.Vendor(root, chart, argument, parsed.GetValue(replace), () => HelmTool.Find(root, chart.Location));
            var entry = result.Entry;
            cli.Out.WriteLine(result.Outcome switch
            {
                VendorOutcome.Added => $"vendored {entry.Name} {entry.Version} into {entry.Directory} (sha256 {entry.Sha256})",
                VendorOutcome.Unchanged => $"{entry.Name} {entry.Version} is already vendored with the same files; nothing changed",
                VendorOutcome.Restored => $"restored {entry.Directory}: its files match {VendorLock.Shown} again",
                VendorOutcome.Replaced => $"replaced the files of {entry.Name} {entry.Version} in {entry.Directory} (sha256 {entry.Sha256})",
                _ => $"vendored {entry.Name} {entry.Version} into {entry.Directory}, replacing {result.PreviousVersion} (sha256 {entry.Sha256})",
            });
            return ExitCode.Success;
        });
        return command;
    }
}
