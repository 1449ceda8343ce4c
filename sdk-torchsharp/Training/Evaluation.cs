namespace HyperSearch.Trainer.Training;

/// <summary>Mean cross-entropy loss and accuracy of a model on a labelled set.</summary>
public sealed record class Evaluation(double Loss, double Accuracy, int Count);
