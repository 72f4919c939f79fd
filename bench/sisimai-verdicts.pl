# Reads the given bounce files with sisimai and prints one line per recipient (bench/bounces.sh):
# file, address (lower case), reason, softbounce (1 soft, 0 hard, -1 undecided), status, action.
use strict; use warnings; use Sisimai;
# file path per argument -> TSV: file, address, reason, softbounce(1 soft, 0 hard, -1 ?), status
for my $f (@ARGV) {
    my $list = Sisimai->make($f, 'delivered' => 1, 'vacation' => 1) || [];
    for my $e (@$list) {
        printf "%s\t%s\t%s\t%s\t%s\t%s\n", $f, lc $e->recipient->address, $e->reason, $e->softbounce, $e->deliverystatus || "-", $e->action || "-";
    }
}
