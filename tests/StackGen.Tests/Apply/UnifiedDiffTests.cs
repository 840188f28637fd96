using StackGen.Apply.Diffing;

namespace StackGen.Tests.Apply;

public sealed class UnifiedDiffTests
{
    [Fact]
    public void Equal_texts_have_no_diff() => Assert.Equal("", UnifiedDiff.Format("a\nb\n", "a\nb\n", "x", "y"));

    [Fact]
    public void A_change_is_shown_with_three_lines_of_context()
    {
        var before = string.Join("\n", Enumerable.Range(1, 10).Select(i => $"line {i}")) + "\n";
        var after = before.Replace("line 5\n", "line five\n", StringComparison.Ordinal);

        Assert.Equal(
            """
            --- live/x
            +++ applied/x
            @@ -2,7 +2,7 @@
             line 2
             line 3
             line 4
            -line 5
            +line five
             line 6
             line 7
             line 8

            """.ReplaceLineEndings("\n"),
            UnifiedDiff.Format(before, after, "live/x", "applied/x"));
    }

    [Fact]
    public void Distant_changes_get_separate_hunks_and_a_new_object_is_all_additions()
    {
        var before = string.Join("\n", Enumerable.Range(1, 20).Select(i => $"x{i}")) + "\n";
        var after = before.Replace("x2\n", "two\n", StringComparison.Ordinal).Replace("x19\n", "nineteen\n", StringComparison.Ordinal);

        var diff = UnifiedDiff.Format(before, after, "a", "b");

        Assert.Equal(2, diff.Split('\n').Count(l => l.StartsWith("@@", StringComparison.Ordinal)));
        Assert.Equal("--- /dev/null\n+++ b\n@@ -0,0 +1,2 @@\n+x: 1\n+y: 2\n", UnifiedDiff.Format("", "x: 1\ny: 2\n", "/dev/null", "b"));
    }
}
