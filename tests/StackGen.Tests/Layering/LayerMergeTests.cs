using StackGen.Binding;
using StackGen.Diagnostics;
using StackGen.Layering;

namespace StackGen.Tests.Layering;

/// <summary>Merging is linear in the size of the layers, and a layer checked on its own is not short of other layers' values.</summary>
public sealed class LayerMergeTests
{
    private static MappingNode Mapping(string file, int keys, string value)
    {
        var text = string.Concat(Enumerable.Range(0, keys).Select(i => $"k{i}: {value}{i}\n"));
        return (MappingNode)YamlLayerReader.Read(text, (line, column) => SourceLocation.InFile(file, line, column))!;
    }

    [Fact]
    public void The_same_large_mapping_in_two_layers_merges_in_linear_memory()
    {
        const int keys = 20_000;
        var under = Mapping("a.yaml", keys, "a");
        var over = Mapping("b.yaml", keys, "b");

        var before = GC.GetAllocatedBytesForCurrentThread();
        var merged = (MappingNode)LayerMerge.Merge(under, over)!;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // A copy of the mapping per key (the quadratic merge) allocated gigabytes here; one merged mapping is a few MB.
        Assert.True(allocated < keys * 1_000L, $"merging {keys} keys allocated {allocated} bytes");
        Assert.Equal(keys, merged.Entries.Count);
        Assert.Equal("b19999", ((ScalarNode)merged["k19999"]!).Text);
        Assert.Equal("a19999", ((ScalarNode)merged["k19999"]!.Overrides!).Text);
        Assert.Equal("b.yaml:20000:1", merged.Entry("k19999")!.KeyLocation.Text);
    }

    [Fact]
    public void Merging_keeps_the_earlier_order_appends_new_keys_and_applies_resets()
    {
        var under = YamlLayerReader.Read("a: 1\nb: {x: 1, y: 2}\nc: 3\n", (l, c) => SourceLocation.InFile("a", l, c))!;
        var over = YamlLayerReader.Read("d: 4\nb: {y: null, z: 5}\na: null\n", (l, c) => SourceLocation.InFile("b", l, c))!;

        var merged = (MappingNode)LayerMerge.Merge(under, over)!;

        Assert.Equal(["b", "c", "d"], merged.Entries.Select(e => e.Key));
        Assert.Equal(["x", "z"], ((MappingNode)merged["b"]!).Entries.Select(e => e.Key));
    }

    [Fact]
    public void A_reset_with_nothing_under_it_is_dropped()
    {
        var over = YamlLayerReader.Read("b: {y: null, z: 5}\n", (l, c) => SourceLocation.InFile("b", l, c))!;

        var merged = (MappingNode)LayerMerge.Merge(null, over)!;

        Assert.Equal(["z"], ((MappingNode)merged["b"]!).Entries.Select(e => e.Key));
    }

    public sealed record Inner
    {
        public required int A { get; init; }

        public int B { get; init; }
    }

    public sealed record Outer
    {
        public Inner? Inner { get; init; }
    }

    [Fact]
    public void A_required_setting_is_required_of_the_merged_layers_not_of_each_layer()
    {
        var layer = (MappingNode)YamlLayerReader.Read("inner: {b: 2}\n", (l, c) => SourceLocation.InFile("team.yaml", l, c))!;
        var alone = new ErrorList();
        var merged = new ErrorList();

        SettingsBinder.Bind(typeof(Outer), layer, "s", alone, partial: true);
        SettingsBinder.Bind(typeof(Outer), layer, "s", merged);

        Assert.False(alone.Any);
        Assert.True(merged.Any);
    }
}
