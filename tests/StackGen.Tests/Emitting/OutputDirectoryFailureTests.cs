using System.Security.Cryptography;
using StackGen.Diagnostics;
using StackGen.Emitting;
using StackGen.Rendering;
using StackGen.Tests.Support;

namespace StackGen.Tests.Emitting;

/// <summary>
/// --output never destroys what StackGen did not write and never half-writes: after every refusal or failure the
/// output directory is byte-identical to before (no staging tree, no half swap).
/// </summary>
public sealed class OutputDirectoryFailureTests : IDisposable
{
    private static readonly RenderResult Dev = Renders.Render("dev");

    private readonly string _root = Directory.CreateTempSubdirectory("stackgen-out-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Out => Path.Combine(_root, "out");

    /// <summary>Every entry under the directory: path, kind and content hash, including hidden staging trees.</summary>
    private static List<string> Snapshot(string directory) =>
        !Path.Exists(directory) ? ["(absent)"]
        : File.Exists(directory) ? [$"file {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(directory)))}"]
        : [.. new DirectoryInfo(directory).EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Select(e => $"{Path.GetRelativePath(directory, e.FullName)} {(e.LinkTarget is { } link ? $"-> {link}" : e is FileInfo f ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f.FullName))) : "dir")}")
            .Order(StringComparer.Ordinal)];

    private void WriteDev(IReadOnlyList<RenderedObject>? objects = null, IOutputFileSystem? fileSystem = null, string? directory = null) =>
        OutputDirectory.Write(directory ?? Out, "dev", objects ?? Dev.Objects, [], _root, fileSystem: fileSystem);

    private static IReadOnlyList<RenderedObject> Changed => [.. Dev.Objects.Where(o => o.Kind != "PodDisruptionBudget")];

    [Fact]
    public void The_manifest_lists_every_file_and_is_written_last()
    {
        var fs = new FailingFileSystem();

        WriteDev(fileSystem: fs);

        var manifest = File.ReadAllLines(Path.Combine(Out, "dev", OutputDirectory.ManifestName));
        Assert.StartsWith("# written by stackgen render", manifest[0], StringComparison.Ordinal);
        Assert.Equal(Dev.Objects.Select(o => $"{o.Stack}/{OutputDirectory.FileName(o)}").Order(StringComparer.Ordinal), manifest.Skip(1));
        Assert.EndsWith(OutputDirectory.ManifestName, fs.Log.Last(entry => entry.StartsWith("WriteFile", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_output_is_an_input_error()
    {
        var error = Assert.Throws<InputException>(() => WriteDev(directory: ""));

        Assert.Equal("--output \"\": error: expected a directory, got an empty path; write --output . for the working directory", Assert.Single(error.Errors).ToString());
    }

    [Fact]
    public void A_directory_stackgen_did_not_write_is_refused_and_untouched()
    {
        Directory.CreateDirectory(Path.Combine(Out, "dev"));
        File.WriteAllText(Path.Combine(Out, "dev", "platform.yaml"), "stacks: {}\n");
        var before = Snapshot(_root);

        var error = Assert.Throws<InputException>(() => WriteDev());

        Assert.Equal($"--output {Out}: error: {Out}/dev was not written by stackgen render (it has no .stackgen-output); StackGen replaces only a directory it wrote (listed in .stackgen-output); move it away or choose another --output", Assert.Single(error.Errors).ToString());
        Assert.Equal(before, Snapshot(_root));
    }

    [Theory]
    [InlineData("rabbitmq/notes.txt", false)]
    [InlineData("linked", true)]
    public void Anything_added_to_a_render_directory_is_refused_and_untouched(string added, bool symbolicLink)
    {
        WriteDev();
        var path = Path.Combine(Out, "dev", added);
        if (symbolicLink)
        {
            File.CreateSymbolicLink(path, "../../elsewhere");
        }
        else
        {
            File.WriteAllText(path, "mine\n");
        }

        var before = Snapshot(_root);

        var error = Assert.Throws<InputException>(() => WriteDev(Changed));

        Assert.Contains($"out/dev/{added} was not written by stackgen render (it is not in ", Assert.Single(error.Errors).ToString(), StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(_root));
    }

    [Fact]
    public void A_regular_file_in_the_way_of_DIR_ENV_is_an_input_error_and_untouched()
    {
        Directory.CreateDirectory(Out);
        File.WriteAllText(Path.Combine(Out, "dev"), "a file\n");
        var before = Snapshot(_root);

        var error = Assert.Throws<InputException>(() => WriteDev());

        Assert.Contains($"{Out}/dev is a file, not a directory StackGen wrote", Assert.Single(error.Errors).ToString(), StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(_root));
    }

    [Theory]
    [InlineData("file", "file is not a directory")]
    [InlineData("file/sub", "file is a file, so file/sub cannot be a directory under it")]
    [InlineData("/", "the root of the file system is not an output directory")]
    [InlineData("/dev/null", "/dev/null is not a directory")]
    public void DIR_that_cannot_be_a_directory_is_an_input_error_and_nothing_changes(string directory, string expected)
    {
        File.WriteAllText(Path.Combine(_root, "file"), "a file\n");
        var before = Snapshot(_root);

        var error = Assert.Throws<InputException>(() => WriteDev(directory: directory));

        Assert.Equal($"--output {directory}: error: {expected}", Assert.Single(error.Errors).ToString()[..$"--output {directory}: error: {expected}".Length]);
        Assert.Equal(before, Snapshot(_root));
    }

    [Fact]
    public void Read_only_DIR_ENV_fails_before_anything_is_written()
    {
        WriteDev();
        var before = Snapshot(_root);
        var fs = new FailingFileSystem { ReadOnly = { Path.Combine(Out, "dev", "rabbitmq") } };

        var error = Assert.Throws<OutputFailedException>(() => WriteDev(Changed, fs));

        Assert.Equal($"--output {Out}: error: {Out}/dev/rabbitmq is read-only, so {Out}/dev cannot be replaced; nothing was written", error.Message);
        Assert.Empty(fs.Log);
        Assert.Equal(before, Snapshot(_root));
    }

    [Fact]
    public void Read_only_DIR_fails_before_anything_is_written()
    {
        Directory.CreateDirectory(Out);
        var fs = new FailingFileSystem { ReadOnly = { Out } };

        var error = Assert.Throws<OutputFailedException>(() => WriteDev(fileSystem: fs));

        Assert.Equal($"--output {Out}: error: {Out} is read-only, so {Out}/dev cannot be written; nothing was written", error.Message);
        Assert.Equal(["out dir"], Snapshot(_root));
    }

    [Theory]
    [InlineData("WriteFile", 1)]
    [InlineData("WriteFile", 5)]
    [InlineData("CreateDirectory", 2)]
    public void Interrupted_mid_write_over_a_previous_render_leaves_it_byte_identical(string operation, int count)
    {
        WriteDev();
        var before = Snapshot(_root);
        var fs = new FailingFileSystem { FailAt = (operation, count) };

        var error = Assert.Throws<OutputFailedException>(() => WriteDev(Changed, fs));

        Assert.Contains("injected failure", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("; nothing was changed", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(_root));
    }

    [Fact]
    public void Interrupted_first_write_removes_the_directories_it_created()
    {
        var before = Snapshot(_root);
        var fs = new FailingFileSystem { FailAt = ("WriteFile", 3) };

        Assert.Throws<OutputFailedException>(() => WriteDev(fileSystem: fs, directory: Path.Combine(Out, "nested", "deeper")));

        Assert.Equal(before, Snapshot(_root));
    }

    [Fact]
    public void Without_an_atomic_exchange_a_failed_move_in_puts_the_previous_render_back()
    {
        WriteDev();
        var before = Snapshot(_root);
        var fs = new FailingFileSystem { CanExchange = false, FailAt = ("Move", 2) };

        Assert.Throws<OutputFailedException>(() => WriteDev(Changed, fs));

        Assert.Equal(before, Snapshot(_root));
    }

    [Fact]
    public void A_previous_render_that_cannot_be_removed_after_the_swap_is_reported_with_where_it_is()
    {
        // The read-only check before writing makes this a race (the tree changed meanwhile): the new render is in place
        // and said so, exit 1, rather than a rollback that would have to rewrite what was already deleted.
        WriteDev();
        var fs = new FailingFileSystem { FailAt = ("Delete", 1) };

        var error = Assert.Throws<OutputFailedException>(() => WriteDev(Changed, fs));

        Assert.Matches($@"^--output {Out}: error: {Out}/dev holds the new render, but the previous one could not be removed from {Out}/\.dev\.staging-\d+ \(injected failure: Delete #1 of .*\); delete it by hand$", error.Message);
        Assert.False(File.Exists(Path.Combine(Out, "dev", "rabbitmq", "poddisruptionbudget-rabbitmq.yaml")));
    }

    [Fact]
    public void Without_an_atomic_exchange_the_render_is_replaced_and_nothing_is_left_beside_it()
    {
        WriteDev();
        var fs = new FailingFileSystem { CanExchange = false };

        WriteDev(Changed, fs);

        Assert.Equal(["dev"], Directory.EnumerateFileSystemEntries(Out).Select(Path.GetFileName));
        Assert.False(File.Exists(Path.Combine(Out, "dev", "rabbitmq", "poddisruptionbudget-rabbitmq.yaml")));
    }
}
