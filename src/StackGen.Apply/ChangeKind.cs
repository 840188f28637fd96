namespace StackGen.Apply;

public enum ChangeKind
{
    Unchanged,
    Create,
    Update,
}
