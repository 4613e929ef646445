package io.cascade.evaluator.flag;

/** Why an evaluation produced its value: the OpenFeature reasons, exactly as PRODUCT.md defines them. */
public enum Reason {
    /** The flag is off in the environment: its {@code offVariation} was served. */
    DISABLED,
    /** An individual target, or a rule serving one variation, matched. */
    TARGETING_MATCH,
    /** A split chose the variation by bucket, in a rule or in the fallthrough. */
    SPLIT,
    /** No target or rule matched and the fallthrough serves one variation. */
    DEFAULT,
    /** The flag could not be evaluated; see the error code. */
    ERROR
}
