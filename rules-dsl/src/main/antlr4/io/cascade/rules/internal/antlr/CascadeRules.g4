// The Cascade rules language. Generated into io.cascade.rules.internal.antlr (visitor, no listener);
// only io.cascade.rules.parse.AstBuilder sees the generated types.
//
// Precedence, loosest first: or, and, comparison (non-associative), not.
grammar CascadeRules;

root        : expr EOF ;

expr        : andExpr (OR andExpr)* ;
andExpr     : comparison (AND comparison)* ;
comparison  : unary (compareOp unary)? ;
compareOp   : EQ | NE | LT | LE | GT | GE | IN | NOT IN | CONTAINS | STARTS_WITH | ENDS_WITH | MATCHES ;
unary       : notExpr | primary ;
notExpr     : NOT unary ;
primary     : literal | call | path | group | list ;
group       : LPAREN expr RPAREN ;
list        : LBRACKET (expr (COMMA expr)*)? RBRACKET ;
call        : IDENT LPAREN (expr (COMMA expr)*)? RPAREN ;
path        : IDENT (DOT IDENT)* ;
literal     : STRING | NUMBER | TRUE | FALSE | DATETIME ;

AND         : 'and' ;
OR          : 'or' ;
NOT         : 'not' ;
IN          : 'in' ;
CONTAINS    : 'contains' ;
STARTS_WITH : 'startsWith' ;
ENDS_WITH   : 'endsWith' ;
MATCHES     : 'matches' ;
TRUE        : 'true' ;
FALSE       : 'false' ;

EQ          : '==' ;
NE          : '!=' ;
LE          : '<=' ;
GE          : '>=' ;
LT          : '<' ;
GT          : '>' ;
LPAREN      : '(' ;
RPAREN      : ')' ;
LBRACKET    : '[' ;
RBRACKET    : ']' ;
COMMA       : ',' ;
DOT         : '.' ;

NUMBER      : '-'? DIGITS ('.' DIGITS)? ([eE] [+-]? DIGITS)? ;
DATETIME    : '@' [0-9] [0-9a-zA-Z:.+\-]* ;
STRING      : '"' (ESCAPE | ~["\\\r\n])* '"' ;
UNTERMINATED_STRING : '"' (ESCAPE | ~["\\\r\n])* ;
IDENT       : [a-zA-Z_] [a-zA-Z0-9_\-]* ;

LINE_COMMENT : ('#' | '//') ~[\r\n]* -> skip ;
WS          : [ \t\r\n]+ -> skip ;

fragment DIGITS : [0-9]+ ;
fragment ESCAPE : '\\' . ;
