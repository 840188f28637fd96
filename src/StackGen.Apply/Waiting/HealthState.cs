namespace StackGen.Apply.Waiting;

public enum HealthState
{
    Progressing,
    Ready,
    Failed,
}
