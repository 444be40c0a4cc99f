const x = ;
