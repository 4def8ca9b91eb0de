/**
 * The EC2 provisioner: node machines started with RunInstances (an AMI or a launch template, a
 * rendered {@code bootstrap/} user-data script), found again with DescribeInstances by their
 * {@code impetus:cluster} tag (so a restarted DFS adopts them), stopped with TerminateInstances.
 *
 * <p>Entry points: {@link io.impetus.dfs.provision.ec2.Ec2Options} (what to launch), {@link
 * io.impetus.dfs.provision.ec2.NodeBootstrap} and {@link
 * io.impetus.dfs.provision.ec2.UserDataRenderer} (what a new machine runs), and {@link
 * io.impetus.dfs.provision.ec2.Ec2Provisioner}. AWS credentials come from the SDK's default
 * provider chain only; nothing in this package accepts them.
 */
@NullMarked
package io.impetus.dfs.provision.ec2;

import org.jspecify.annotations.NullMarked;
