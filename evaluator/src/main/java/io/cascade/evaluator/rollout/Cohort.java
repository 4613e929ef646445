package io.cascade.evaluator.rollout;

import io.cascade.evaluator.flag.EvaluationContext;
import io.cascade.evaluator.snapshot.Snapshot;
import io.cascade.rules.Bucketing;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The hosts one stage of a rollout targets. */
public sealed interface Cohort {

    /**
     * Whether the host is in this cohort. {@code salt} is the rollout id (percentages), {@code scope}
     * the host's scope by dimension name, {@code snapshot} the namespace whose segments apply.
     */
    boolean contains(String salt, String hostId, Map<String, String> scope, Snapshot snapshot);

    /** The cohort as a plan writes it: {@code {"sites": […]}}, {@code {"percent": n}}, {@code {"segment": k}} or {@code {"all": true}}. */
    Map<String, Object> toHosts();

    /**
     * The cohort a plan's {@code hosts} object names; the server checks plans thoroughly, this is for
     * reading back what it wrote. Throws {@link IllegalArgumentException} on anything else.
     */
    static Cohort fromHosts(Map<String, ?> hosts) {
        if (hosts.size() != 1) {
            throw new IllegalArgumentException("a cohort has exactly one of sites, percent, segment, all");
        }
        Object sites = hosts.get("sites");
        if (sites instanceof List<?> list) {
            Set<String> values = new LinkedHashSet<>();
            for (Object site : list) {
                values.add(String.valueOf(site));
            }
            return new Sites(values);
        }
        if (hosts.get("percent") instanceof Number percent) {
            return new Percent(percent.doubleValue());
        }
        if (hosts.get("segment") instanceof String segment) {
            return new InSegment(segment);
        }
        if (Boolean.TRUE.equals(hosts.get("all"))) {
            return new Everyone();
        }
        throw new IllegalArgumentException("not a cohort: " + hosts.keySet());
    }

    /** Hosts whose scope names one of these sites (the dimension {@code site}). */
    record Sites(Set<String> sites) implements Cohort {
        public Sites {
            sites = Set.copyOf(sites);
        }

        @Override
        public boolean contains(String salt, String hostId, Map<String, String> scope, Snapshot snapshot) {
            String site = scope.get("site");
            return site != null && sites.contains(site);
        }

        @Override
        public Map<String, Object> toHosts() {
            return Map.of("sites", List.copyOf(sites));
        }
    }

    /**
     * A percentage of host ids: bucket {@code murmur3(rolloutId + "/" + hostId) mod 100000} below
     * {@code percent × 1000}. A larger percentage with the same salt keeps every host a smaller one had.
     */
    record Percent(double percent) implements Cohort {
        public Percent {
            if (!(percent >= 0 && percent <= 100)) {
                throw new IllegalArgumentException("percent must be between 0 and 100, was " + percent);
            }
        }

        /** The buckets below which a host is in. */
        public int threshold() {
            return (int) Math.round(percent * 1000);
        }

        @Override
        public boolean contains(String salt, String hostId, Map<String, String> scope, Snapshot snapshot) {
            return hostId != null && Bucketing.bucket(salt, hostId) < threshold();
        }

        @Override
        public Map<String, Object> toHosts() {
            return Map.of("percent", percent);
        }
    }

    /**
     * Hosts in a segment of the namespace, tested with the host id as targeting key and as attribute
     * {@code hostId}, and the host's scope values as attributes.
     */
    record InSegment(String segment) implements Cohort {
        public InSegment {
            Objects.requireNonNull(segment, "segment");
        }

        @Override
        public boolean contains(String salt, String hostId, Map<String, String> scope, Snapshot snapshot) {
            if (hostId == null) {
                return false;
            }
            Map<String, Object> attributes = new HashMap<>(scope);
            attributes.put(EvaluationContext.TARGETING_KEY, hostId);
            attributes.put("hostId", hostId);
            return EvaluationContext.of(attributes).boundTo(snapshot.flagSet()).inSegment(segment, hostId);
        }

        @Override
        public Map<String, Object> toHosts() {
            return Map.of("segment", segment);
        }
    }

    /** Every host. */
    record Everyone() implements Cohort {
        @Override
        public boolean contains(String salt, String hostId, Map<String, String> scope, Snapshot snapshot) {
            return true;
        }

        @Override
        public Map<String, Object> toHosts() {
            return Map.of("all", true);
        }
    }
}
